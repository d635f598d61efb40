package org.virtualvisits.analytics.admin.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.virtualvisits.analytics.admin.AdminException;
import org.virtualvisits.analytics.admin.UserAdministration;
import org.virtualvisits.analytics.admin.UserAdministration.NewUser;
import org.virtualvisits.analytics.admin.UserAdministration.UserChange;
import org.virtualvisits.analytics.security.PasswordPolicy;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccount;

/**
 * Creates a user (account null) or edits one: name, role and, for a report viewer ("preview
 * access"), the departments they are limited to: picked from the organisation's visits or typed.
 */
class UserDialog extends Dialog {

    private final UserAdministration administration;
    private final UserAccount account;
    private final Runnable onSaved;
    final TextField username = new TextField();
    final TextField displayName = new TextField();
    final Select<Role> role = new Select<>();
    final MultiSelectComboBox<String> departments = new MultiSelectComboBox<>();
    final PasswordField password = new PasswordField();
    final Button save = new Button();
    private final ListDataProvider<String> departmentItems;

    /** @param self the signed-in admin edits themselves: their role stays as it is */
    UserDialog(UserAdministration administration, UserAccount account, boolean self, Runnable onSaved) {
        this.administration = administration;
        this.account = account;
        this.onSaved = onSaved;
        setHeaderTitle(account == null ? getTranslation("admin.users.new.title")
                : getTranslation("admin.users.edit.title", account.username()));
        setWidth("min(40rem, 95vw)");

        username.setLabel(getTranslation("admin.users.username"));
        username.setRequired(true);
        username.setMaxLength(100);
        username.setId("user-username");
        displayName.setLabel(getTranslation("admin.users.displayName"));
        displayName.setRequired(true);
        displayName.setMaxLength(200);
        displayName.setId("user-display-name");
        role.setLabel(getTranslation("admin.users.role"));
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        role.setId("user-role");

        List<String> known = new ArrayList<>(administration.knownDepartments());
        if (account != null) {
            account.departments().stream().filter(d -> !known.contains(d)).sorted().forEach(known::add);
        }
        departmentItems = new ListDataProvider<>(known);
        departments.setLabel(getTranslation("admin.users.departments"));
        departments.setHelperText(getTranslation("admin.users.departments.helper"));
        departments.setPlaceholder(getTranslation("admin.users.departments.all"));
        departments.setItems(departmentItems);
        departments.setAllowCustomValue(true);
        departments.addCustomValueSetListener(e -> {
            String value = e.getDetail() == null ? "" : e.getDetail().trim();
            if (!value.isEmpty()) {
                addDepartment(value);
            }
        });
        departments.setId("user-departments");
        role.addValueChangeListener(e -> departments.setVisible(e.getValue() == Role.REPORT_VIEWER));

        password.setLabel(getTranslation("admin.users.password"));
        password.setHelperText(getTranslation("admin.users.password.helper"));
        password.setMinLength(PasswordPolicy.MIN_LENGTH);
        password.setId("user-password");
        Button generate = new Button(getTranslation("admin.users.password.generate"), e -> {
            password.setValue(PasswordPolicy.generate());
        });
        generate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout passwordRow = new HorizontalLayout(password, generate);
        passwordRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        passwordRow.expand(password);

        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        if (account == null) {
            form.add(username, displayName, role, departments, passwordRow);
            role.setValue(Role.REPORT_VIEWER);
        } else {
            displayName.setValue(account.displayName());
            role.setValue(account.role());
            role.setReadOnly(self);
            departments.setValue(account.departments());
            form.add(displayName, role, departments);
        }
        add(form);

        save.setText(getTranslation("admin.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        save.setId("user-save");
        getFooter().add(new Button(getTranslation("admin.cancel"), e -> close()), save);
    }

    /** A department typed in: offered from now on and selected (refreshing keeps the selection). */
    void addDepartment(String value) {
        if (!departmentItems.getItems().contains(value)) {
            departmentItems.getItems().add(value);
            departmentItems.refreshAll();
        }
        departments.select(value);
    }

    void save() {
        clearErrors();
        Set<String> chosen = role.getValue() == Role.REPORT_VIEWER ? Set.copyOf(departments.getValue()) : Set.of();
        try {
            if (account == null) {
                administration.create(new NewUser(username.getValue(), displayName.getValue(), role.getValue(),
                        chosen, password.getValue()));
                Notices.success(getTranslation("admin.users.created.done", username.getValue().trim()));
            } else {
                administration.update(account.id(), new UserChange(displayName.getValue(), role.getValue(), chosen));
                Notices.success(getTranslation("admin.saved"));
            }
            close();
            onSaved.run();
        } catch (AdminException e) {
            showError(e);
        }
    }

    private void clearErrors() {
        for (HasValidation field : List.<HasValidation>of(username, displayName, departments, password)) {
            field.setInvalid(false);
            field.setErrorMessage(null);
        }
    }

    private void showError(AdminException e) {
        HasValidation field = e.key().startsWith("admin.error.username") ? username
                : e.key().startsWith("admin.error.displayName") ? displayName
                : e.key().startsWith("admin.error.department") ? departments
                : e.key().startsWith("admin.error.password") ? password
                : null;
        if (field == null) {
            Notices.refused(this, e);
        } else {
            field.setErrorMessage(Notices.message(this, e));
            field.setInvalid(true);
        }
    }
}
