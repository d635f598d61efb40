package org.virtualvisits.analytics.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import org.virtualvisits.analytics.admin.ui.ApiTokensView;
import org.virtualvisits.analytics.admin.ui.AuditLogView;
import org.virtualvisits.analytics.admin.ui.OrganisationSettingsView;
import org.virtualvisits.analytics.admin.ui.UsersView;
import org.virtualvisits.analytics.report.ui.ReportView;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.ChangePasswordDialog;
import org.virtualvisits.analytics.security.OwnPassword;
import org.virtualvisits.analytics.security.Role;

/** The frame around every signed-in view: title bar, navigation, user menu. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    private final transient OwnPassword ownPassword;
    private final AuthenticationContext authenticationContext;

    public MainLayout(AuthenticationContext authenticationContext, OwnPassword ownPassword) {
        this.authenticationContext = authenticationContext;
        this.ownPassword = ownPassword;
        setPrimarySection(Section.DRAWER);

        Span title = new Span(getTranslation("app.name"));
        title.addClassNames("vva-app-title");
        addToDrawer(title, navigation());

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), new Span(), userMenu());
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(1));
        header.setPadding(true);
        addToNavbar(header);
    }

    private VerticalLayout navigation() {
        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem(getTranslation("nav.report"), ReportView.class, VaadinIcon.CHART.create()));
        VerticalLayout navigation = new VerticalLayout(nav);
        navigation.setPadding(false);
        navigation.setSpacing(true);
        // Shown by role only for convenience: the views and their services check the role themselves.
        if (authenticationContext.hasRole(Role.Names.GLOBAL_ADMIN)) {
            SideNav admin = new SideNav(getTranslation("nav.admin"));
            admin.setId("admin-nav");
            admin.addItem(
                    new SideNavItem(getTranslation("nav.admin.users"), UsersView.class, VaadinIcon.USERS.create()),
                    new SideNavItem(getTranslation("nav.admin.tokens"), ApiTokensView.class, VaadinIcon.KEY.create()),
                    new SideNavItem(getTranslation("nav.admin.organisation"), OrganisationSettingsView.class,
                            VaadinIcon.COG.create()),
                    new SideNavItem(getTranslation("nav.admin.audit"), AuditLogView.class,
                            VaadinIcon.CLIPBOARD_TEXT.create()));
            navigation.add(admin);
        }
        return navigation;
    }

    private MenuBar userMenu() {
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        menu.setId("user-menu-bar");
        String name = authenticationContext.getAuthenticatedUser(AppUserPrincipal.class)
                .map(AppUserPrincipal::displayName).orElse("");
        Avatar avatar = new Avatar(name);
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);
        HorizontalLayout trigger = new HorizontalLayout(avatar, new Span(name));
        trigger.setAlignItems(FlexComponent.Alignment.CENTER);
        trigger.setSpacing(true);
        MenuItem root = menu.addItem(trigger);
        root.setId("user-menu");
        SubMenu sub = root.getSubMenu();
        MenuItem language = sub.addItem(getTranslation("menu.language"));
        language.getSubMenu().addItem("English", e -> switchLocale(Locale.ENGLISH));
        language.getSubMenu().addItem("Français", e -> switchLocale(Locale.FRENCH));
        sub.addItem(getTranslation("menu.password"), e -> new ChangePasswordDialog(ownPassword).open())
                .setId("change-password");
        sub.addItem(getTranslation("menu.logout"), e -> authenticationContext.logout()).setId("logout");
        return menu;
    }

    private void switchLocale(Locale locale) {
        getUI().ifPresent(ui -> {
            ui.getSession().setLocale(locale);
            LanguageChoice.remember(locale);
            ui.getPage().reload();
        });
    }
}
