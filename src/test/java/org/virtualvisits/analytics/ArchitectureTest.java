package org.virtualvisits.analytics;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package rules: see docs/decisions/0001-package-by-feature.md. */
@AnalyzeClasses(packages = "org.virtualvisits.analytics", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The metric definitions are plain Java: no Spring, no SQL, no Vaadin. */
    @ArchTest
    static final ArchRule metricDefinitionsArePlainJava = noClasses()
            .that().haveSimpleNameStartingWith("VisitDerivation")
            .or().haveSimpleNameStartingWith("EventValidation")
            .or().haveSimpleNameStartingWith("DailySeries")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "java.sql..", "javax.sql..", "com.vaadin..");

    /** Views are on top: nothing outside a ui package depends on one. */
    @ArchTest
    static final ArchRule onlyViewsUseViews = noClasses()
            .that().resideOutsideOfPackage("..ui..")
            .should().dependOnClassesThat().resideInAPackage("org.virtualvisits.analytics..ui..");

    /** Nothing but views and UI helpers touches Vaadin. */
    @ArchTest
    static final ArchRule servicesDoNotUseVaadin = noClasses()
            .that().resideOutsideOfPackages("..ui..", "..security..", "org.virtualvisits.analytics")
            .should().dependOnClassesThat().resideInAPackage("com.vaadin.flow.component..");

    /** Features do not depend on each other in circles (the navigation layout may link any view). */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices()
            .matching("org.virtualvisits.analytics.(*)..")
            .should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("..ui.."), alwaysTrue());
}
