package org.virtualvisits.analytics.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import org.virtualvisits.analytics.admin.AdminException;
import org.virtualvisits.analytics.admin.UserAdministration;
import org.virtualvisits.analytics.security.PasswordPolicy;
import org.virtualvisits.analytics.security.UserAccount;

/** Sets a new password for a user (typed or generated; the reveal button shows it to copy). */
class PasswordDialog extends Dialog {

    final PasswordField password = new PasswordField();
    final Button save = new Button();

    PasswordDialog(UserAdministration administration, UserAccount account, Runnable onSaved) {
        setHeaderTitle(getTranslation("admin.users.resetPassword.title", account.username()));
        setWidth("min(32rem, 95vw)");
        password.setLabel(getTranslation("admin.users.password"));
        password.setHelperText(getTranslation("admin.users.password.helper"));
        password.setMinLength(PasswordPolicy.MIN_LENGTH);
        password.setId("reset-password");
        Button generate = new Button(getTranslation("admin.users.password.generate"),
                e -> password.setValue(PasswordPolicy.generate()));
        generate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout row = new HorizontalLayout(password, generate);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.expand(password);
        add(row);

        save.setText(getTranslation("admin.users.resetPassword"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("reset-password-save");
        save.addClickListener(e -> {
            try {
                administration.resetPassword(account.id(), password.getValue());
                Notices.success(getTranslation("admin.users.resetPassword.done", account.username()));
                close();
                onSaved.run();
            } catch (AdminException ex) {
                password.setErrorMessage(Notices.message(this, ex));
                password.setInvalid(true);
            }
        });
        getFooter().add(new Button(getTranslation("admin.cancel"), e -> close()), save);
    }
}
