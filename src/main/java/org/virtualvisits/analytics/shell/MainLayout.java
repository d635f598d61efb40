package org.virtualvisits.analytics.shell;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
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
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import java.util.Optional;
import org.virtualvisits.analytics.base.ui.LanguageChoice;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.ChangePasswordDialog;
import org.virtualvisits.analytics.security.OwnPassword;

/** The frame around every signed-in view: title bar, navigation, user menu. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    private static final String ADMIN_PATH = "admin/";

    private final transient OwnPassword ownPassword;
    private final AuthenticationContext authenticationContext;
    private final Main main = new Main();

    public MainLayout(AuthenticationContext authenticationContext, OwnPassword ownPassword) {
        this.authenticationContext = authenticationContext;
        this.ownPassword = ownPassword;
        setPrimarySection(Section.DRAWER);

        Span title = new Span(getTranslation("app.name"));
        title.addClassNames("vva-app-title");
        // Landmarks, so that everything on the page is in one: the drawer is the navigation, the
        // navbar the banner, and the view the page's main content.
        Nav drawer = new Nav(title, navigation());
        drawer.getElement().setAttribute("aria-label", getTranslation("nav.label"));
        addToDrawer(drawer);

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), new Span(), userMenu());
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(1));
        header.setPadding(true);
        Header banner = new Header(header);
        banner.setWidthFull();
        addToNavbar(banner);
        main.setSizeFull();
    }

    /** Every view is shown inside the page's one {@code main} element. */
    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.getElement().removeAllChildren();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
        setContent(main);
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        main.getElement().removeAllChildren();
    }

    /**
     * The menu from the views' {@code @Menu} annotations, as Vaadin's registry lists them for this user
     * (it leaves out the views the user may not open), so this layout knows no feature. The titles are
     * translation keys; views under {@code admin/} go into the administration section.
     */
    private VerticalLayout navigation() {
        SideNav nav = new SideNav();
        SideNav admin = new SideNav(getTranslation("nav.admin"));
        admin.setId("admin-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            String path = entry.path().startsWith("/") ? entry.path().substring(1) : entry.path();
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), path, icon(entry.icon()));
            (path.startsWith(ADMIN_PATH) ? admin : nav).addItem(item);
        }
        VerticalLayout navigation = new VerticalLayout(nav);
        navigation.setPadding(false);
        navigation.setSpacing(true);
        if (!admin.getItems().isEmpty()) {
            navigation.add(admin);
        }
        return navigation;
    }

    /** An icon named as {@code @Menu} names it: "vaadin:chart". */
    private static Icon icon(String name) {
        if (name == null || !name.contains(":")) {
            return null;
        }
        return new Icon(name.substring(0, name.indexOf(':')), name.substring(name.indexOf(':') + 1));
    }

    private MenuBar userMenu() {
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        menu.setId("user-menu-bar");
        // A password user's principal is the AppUserPrincipal; a directory user's carries it.
        Optional<Object> principal = authenticationContext.getAuthenticatedUser(Object.class);
        String name = principal.flatMap(AppUserPrincipal::of).map(AppUserPrincipal::displayName).orElse("");
        boolean directoryUser = principal.filter(AppUserPrincipal.Carrier.class::isInstance).isPresent();
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
        if (!directoryUser) {
            sub.addItem(getTranslation("menu.password"), e -> new ChangePasswordDialog(ownPassword).open())
                    .setId("change-password");
        }
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
