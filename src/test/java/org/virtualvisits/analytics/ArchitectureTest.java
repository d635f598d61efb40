package org.virtualvisits.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** Package rules: see docs/decisions/0001-package-by-feature.md and 0017-module-boundaries.md. */
@AnalyzeClasses(packages = "org.virtualvisits.analytics", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "org.virtualvisits.analytics";

    /** The metric definitions and the engine's arithmetic are plain Java: no Spring, no SQL, no Vaadin. */
    @ArchTest
    static final ArchRule metricDefinitionsArePlainJava = noClasses()
            .that().haveSimpleNameStartingWith("VisitDerivation")
            .or().haveSimpleNameStartingWith("EventValidation")
            .or().haveSimpleNameStartingWith("WaitHistogram")
            .or().haveSimpleNameStartingWith("RangeCut")
            .or().haveSimpleNameStartingWith("DeepPagePlan")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "java.sql..", "javax.sql..", "com.vaadin..");

    /**
     * Every import points down: the shell (the layout around all views) on top, then the features,
     * then what they share. A feature uses only those below it; base knows no feature. The Teams
     * connector sits beside admin and export: it feeds visits through their ingestion, nothing uses it.
     */
    @ArchTest
    static final ArchRule importsRunDownTheLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Shell").definedBy(ROOT + ".shell..")
            .layer("Admin").definedBy(ROOT + ".admin..")
            .layer("Subscriptions").definedBy(ROOT + ".subscriptions..")
            .layer("Export").definedBy(ROOT + ".export..")
            .layer("Teams").definedBy(ROOT + ".teams..")
            .layer("Report").definedBy(ROOT + ".report..")
            .layer("Visits").definedBy(ROOT + ".visits..")
            .layer("Security").definedBy(ROOT + ".security..")
            .layer("Organisation").definedBy(ROOT + ".organisation..")
            .layer("Base").definedBy(ROOT + ".base..")
            .whereLayer("Shell").mayNotBeAccessedByAnyLayer()
            .whereLayer("Admin").mayNotBeAccessedByAnyLayer()
            .whereLayer("Subscriptions").mayNotBeAccessedByAnyLayer()
            .whereLayer("Export").mayOnlyBeAccessedByLayers("Subscriptions")
            .whereLayer("Teams").mayNotBeAccessedByAnyLayer()
            .whereLayer("Report").mayOnlyBeAccessedByLayers("Export", "Subscriptions")
            .whereLayer("Visits").mayOnlyBeAccessedByLayers("Report", "Export", "Subscriptions", "Teams")
            .whereLayer("Security").mayOnlyBeAccessedByLayers("Shell", "Admin", "Subscriptions", "Export", "Teams",
                    "Report", "Visits")
            .whereLayer("Organisation").mayOnlyBeAccessedByLayers("Admin", "Subscriptions", "Export", "Teams",
                    "Report", "Visits", "Security")
            .whereLayer("Base").mayOnlyBeAccessedByLayers("Shell", "Admin", "Subscriptions", "Export", "Teams",
                    "Report", "Visits", "Security", "Organisation");

    /** The report engine is the report's own: others read through ReportReader and ReportService. */
    @ArchTest
    static final ArchRule theReportEngineIsInternal = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".report..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".report.rollup..");

    /** The PostgreSQL wire code of the visits is the visits' own. */
    @ArchTest
    static final ArchRule theVisitStoreIsInternal = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".visits..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".visits.store..");

    /** Views are on top: nothing but the UI depends on a view. */
    @ArchTest
    static final ArchRule onlyViewsUseViews = noClasses()
            .that().resideOutsideOfPackages("..ui..", ROOT + ".shell..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "..ui..");

    /** Nothing but views and UI helpers touches Vaadin components. */
    @ArchTest
    static final ArchRule servicesDoNotUseVaadin = noClasses()
            .that().resideOutsideOfPackages("..ui..", ROOT + ".shell..", ROOT + ".security..", ROOT)
            .should().dependOnClassesThat().resideInAPackage("com.vaadin.flow.component..");

    /** Features do not depend on each other in circles, views included. */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices()
            .matching(ROOT + ".(*)..")
            .should().beFreeOfCycles();

    /** No two files import each other, directly or around a loop (a file is its top-level class). */
    @ArchTest
    static final ArchRule filesAreFreeOfCycles = slices()
            .assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    JavaClass file = javaClass;
                    while (file.getEnclosingClass().isPresent()) {
                        file = file.getEnclosingClass().get();
                    }
                    return file.getPackageName().startsWith(ROOT) ? SliceIdentifier.of(file.getName())
                            : SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                    return "files";
                }
            })
            .should().beFreeOfCycles();
}
