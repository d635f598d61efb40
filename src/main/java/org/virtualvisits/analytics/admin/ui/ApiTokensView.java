package org.virtualvisits.analytics.admin.ui;

import org.virtualvisits.analytics.base.ui.PageHeading;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.virtualvisits.analytics.admin.AdminException;
import org.virtualvisits.analytics.admin.TokenAdministration;
import org.virtualvisits.analytics.admin.TokenAdministration.CreatedToken;
import org.virtualvisits.analytics.security.ApiScope;
import org.virtualvisits.analytics.security.ApiToken;
import org.virtualvisits.analytics.security.Role;

/** The organisation's API tokens: create (secret shown once), see last use, revoke. */
@AccessDeniedErrorRouter(rerouteToError = AccessDeniedException.class)
@Menu(title = "nav.admin.tokens", order = 11, icon = "vaadin:key")
@Route("admin/tokens")
@RolesAllowed(Role.Names.GLOBAL_ADMIN)
public class ApiTokensView extends VerticalLayout implements HasDynamicTitle {

    private final TokenAdministration administration;
    private final Grid<ApiToken> grid = new Grid<>();

    public ApiTokensView(TokenAdministration administration) {
        this.administration = administration;
        addClassName("vva-page");
        setSizeFull();

        Button create = new Button(getTranslation("admin.tokens.new"), VaadinIcon.PLUS.create(),
                e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-token");
        HorizontalLayout header = new HorizontalLayout(PageHeading.of(getTranslation("admin.tokens.title")), create);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        Paragraph intro = new Paragraph(getTranslation("admin.tokens.intro"));
        intro.addClassName("vva-muted");

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(ApiToken::name).setHeader(getTranslation("admin.tokens.name")).setKey("name")
                .setFlexGrow(1);
        grid.addColumn(t -> t.scopes().stream().map(ApiScope::value).sorted().collect(Collectors.joining(", ")))
                .setHeader(getTranslation("admin.tokens.scopes")).setKey("scopes").setAutoWidth(true);
        grid.addColumn(t -> Notices.time(t.createdAt())).setHeader(getTranslation("admin.tokens.created"))
                .setKey("created").setAutoWidth(true);
        grid.addColumn(ApiToken::createdBy).setHeader(getTranslation("admin.tokens.createdBy")).setKey("createdBy")
                .setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? getTranslation("admin.never") : Notices.time(t.lastUsedAt()))
                .setHeader(getTranslation("admin.tokens.lastUsed")).setKey("lastUsed").setAutoWidth(true);
        grid.addColumn(t -> t.active() ? getTranslation("admin.tokens.status.active")
                        : getTranslation("admin.tokens.status.revoked", Notices.time(t.revokedAt())))
                .setHeader(getTranslation("admin.tokens.status")).setKey("status").setAutoWidth(true);
        grid.addComponentColumn(this::revokeButton).setHeader(getTranslation("admin.actions")).setKey("actions")
                .setAutoWidth(true).setFlexGrow(0);

        add(header, intro, grid);
        setFlexGrow(1, grid);
        refresh();
    }

    private Button revokeButton(ApiToken token) {
        Button revoke = new Button(getTranslation("admin.tokens.revoke"), e -> confirmRevoke(token));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        revoke.setVisible(token.active());
        return revoke;
    }

    private void confirmRevoke(ApiToken token) {
        ConfirmDialog dialog = new ConfirmDialog(getTranslation("admin.tokens.revoke.title", token.name()),
                getTranslation("admin.tokens.revoke.text"), getTranslation("admin.tokens.revoke"), e -> {
                    try {
                        administration.revoke(token.id());
                        Notices.success(getTranslation("admin.tokens.revoked.done", token.name()));
                    } catch (AdminException ex) {
                        Notices.refused(this, ex);
                    }
                    refresh();
                });
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("admin.cancel"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog(getTranslation("admin.tokens.new"));
        dialog.setWidth("min(36rem, 95vw)");
        TextField name = new TextField(getTranslation("admin.tokens.name"));
        name.setHelperText(getTranslation("admin.tokens.name.helper"));
        name.setWidthFull();
        name.setMaxLength(100);
        name.setRequired(true);
        name.setId("token-name");
        CheckboxGroup<ApiScope> scopes = new CheckboxGroup<>(getTranslation("admin.tokens.scopes"));
        scopes.setItems(ApiScope.values());
        scopes.setItemLabelGenerator(s -> getTranslation("admin.tokens.scope." + s.value()));
        scopes.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        scopes.setValue(EnumSet.of(ApiScope.EVENTS_WRITE));
        scopes.setId("token-scopes");
        dialog.add(new VerticalLayout(name, scopes));
        Button create = new Button(getTranslation("admin.tokens.create"), e -> {
            try {
                CreatedToken created = administration.create(name.getValue(), scopes.getValue());
                dialog.close();
                refresh();
                showSecret(created);
            } catch (AdminException ex) {
                Notices.refused(this, ex);
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("token-create");
        dialog.getFooter().add(new Button(getTranslation("admin.cancel"), e -> dialog.close()), create);
        dialog.open();
    }

    /** The only time the secret is shown: read-only, selected on focus, with a copy button. */
    private void showSecret(CreatedToken created) {
        Dialog dialog = new Dialog(getTranslation("admin.tokens.secret.title", created.name()));
        dialog.setWidth("min(44rem, 95vw)");
        dialog.setCloseOnOutsideClick(false);
        dialog.setId("token-secret-dialog");
        Paragraph hint = new Paragraph(getTranslation("admin.tokens.secret.hint"));
        TextField secret = new TextField(getTranslation("admin.tokens.secret.field"));
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setAutoselect(true);
        secret.setId("token-secret");
        secret.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Button copy = new Button(getTranslation("admin.tokens.secret.copy"), VaadinIcon.COPY.create(), e -> {
            secret.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)",
                    created.secret());
            Notices.success(getTranslation("admin.tokens.secret.copied"));
        });
        copy.setId("token-copy");
        dialog.add(new VerticalLayout(hint, secret, copy));
        Button close = new Button(getTranslation("admin.close"), e -> dialog.close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(close);
        dialog.open();
    }

    void refresh() {
        grid.setItems(administration.tokens());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.tokens.title") + " · " + getTranslation("app.name");
    }
}
