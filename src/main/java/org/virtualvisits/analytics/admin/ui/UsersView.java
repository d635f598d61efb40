package org.virtualvisits.analytics.admin.ui;

import org.virtualvisits.analytics.base.ui.PageHeading;
import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.virtualvisits.analytics.admin.AdminException;
import org.virtualvisits.analytics.admin.UserAdministration;
import org.virtualvisits.analytics.admin.UserAdministration.UserListItem;
import org.virtualvisits.analytics.security.CurrentUser;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccount;

/** The organisation's users: create, edit role and departments, reset password, disable, unlock. */
@AccessDeniedErrorRouter(rerouteToError = AccessDeniedException.class)
@Menu(title = "nav.admin.users", order = 10, icon = "vaadin:users")
@Route("admin/users")
@RolesAllowed(Role.Names.GLOBAL_ADMIN)
public class UsersView extends VerticalLayout implements HasDynamicTitle {

    private final UserAdministration administration;
    private final long myUserId;
    private final Grid<UserListItem> grid = new Grid<>();

    public UsersView(UserAdministration administration, CurrentUser currentUser) {
        this.administration = administration;
        this.myUserId = currentUser.require().userId();
        addClassName("vva-page");
        setSizeFull();

        Button create = new Button(getTranslation("admin.users.new"), VaadinIcon.PLUS.create(),
                e -> new UserDialog(administration, null, false, this::refresh).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-user");
        HorizontalLayout header = new HorizontalLayout(PageHeading.of(getTranslation("admin.users.title")), create);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);

        configureGrid();
        add(header, grid);
        setFlexGrow(1, grid);
        refresh();
    }

    private void configureGrid() {
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(i -> i.account().username() + (i.account().id() == myUserId ? " " + getTranslation("admin.users.you") : ""))
                .setHeader(getTranslation("admin.users.username")).setKey("username").setAutoWidth(true);
        grid.addColumn(i -> i.account().displayName()).setHeader(getTranslation("admin.users.displayName"))
                .setKey("displayName").setAutoWidth(true);
        grid.addColumn(i -> getTranslation("role." + i.account().role().name()))
                .setHeader(getTranslation("admin.users.role")).setKey("role").setAutoWidth(true);
        grid.addColumn(i -> departments(i.account())).setHeader(getTranslation("admin.users.departments"))
                .setKey("departments").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(i -> getTranslation(i.account().directoryUser() ? "admin.users.signIn.directory"
                        : "admin.users.signIn.password"))
                .setHeader(getTranslation("admin.users.signIn")).setKey("signIn").setAutoWidth(true);
        grid.addColumn(this::status).setHeader(getTranslation("admin.users.status")).setKey("status")
                .setAutoWidth(true);
        grid.addColumn(i -> Notices.time(i.account().createdAt())).setHeader(getTranslation("admin.users.created"))
                .setKey("created").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader(getTranslation("admin.actions")).setKey("actions")
                .setAutoWidth(true).setFlexGrow(0);
    }

    private String departments(UserAccount account) {
        // Administrators always see every department.
        return account.role() != Role.REPORT_VIEWER || account.departments().isEmpty() ? getTranslation("admin.users.departments.all")
                : String.join(", ", account.departments().stream().sorted().toList());
    }

    private String status(UserListItem item) {
        if (!item.account().enabled()) {
            return getTranslation("admin.users.status.disabled");
        }
        return item.locked() ? getTranslation("admin.users.status.locked", Notices.CLOCK.format(item.lockedUntil()))
                : getTranslation("admin.users.status.enabled");
    }

    private HorizontalLayout actions(UserListItem item) {
        UserAccount account = item.account();
        Button edit = small(getTranslation("admin.users.edit"),
                e -> new UserDialog(administration, account, account.id() == myUserId, this::refresh).open());
        HorizontalLayout actions = new HorizontalLayout(edit);
        // A directory user has no password here: nothing to reset.
        if (!account.directoryUser()) {
            actions.add(small(getTranslation("admin.users.resetPassword"),
                    e -> new PasswordDialog(administration, account, this::refresh).open()));
        }
        actions.setSpacing(false);
        actions.getStyle().set("gap", "var(--lumo-space-xs)");
        if (item.locked()) {
            actions.add(small(getTranslation("admin.users.unlock"), e -> run(() -> {
                administration.unlock(account.id());
                Notices.success(getTranslation("admin.users.unlocked.done", account.username()));
            })));
        }
        if (account.id() != myUserId) {
            if (account.enabled()) {
                Button disable = small(getTranslation("admin.users.disable"), e -> confirmDisable(account));
                disable.addThemeVariants(ButtonVariant.LUMO_ERROR);
                actions.add(disable);
            } else {
                actions.add(small(getTranslation("admin.users.enable"), e -> run(() -> {
                    administration.setEnabled(account.id(), true);
                    Notices.success(getTranslation("admin.users.enabled.done", account.username()));
                })));
            }
        }
        return actions;
    }

    private void confirmDisable(UserAccount account) {
        ConfirmDialog dialog = new ConfirmDialog(getTranslation("admin.users.disable.title", account.username()),
                getTranslation("admin.users.disable.text"), getTranslation("admin.users.disable"), e -> run(() -> {
                    administration.setEnabled(account.id(), false);
                    Notices.success(getTranslation("admin.users.disabled.done", account.username()));
                }));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("admin.cancel"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void run(Runnable action) {
        try {
            action.run();
        } catch (AdminException e) {
            Notices.refused(this, e);
        }
        refresh();
    }

    private static Button small(String text, ComponentEventListener<ClickEvent<Button>> listener) {
        Button button = new Button(text, listener);
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    void refresh() {
        List<UserListItem> users = administration.users();
        grid.setItems(users);
    }

    Grid<UserListItem> grid() {
        return grid;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.users.title") + " · " + getTranslation("app.name");
    }
}
