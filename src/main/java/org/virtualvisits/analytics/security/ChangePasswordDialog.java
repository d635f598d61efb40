package org.virtualvisits.analytics.security;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.PasswordField;

/** The user menu's "Change password": current password, new one twice. */
public class ChangePasswordDialog extends Dialog {

    private final transient OwnPassword ownPassword;
    private final PasswordField current = new PasswordField();
    private final PasswordField next = new PasswordField();
    private final PasswordField repeat = new PasswordField();

    public ChangePasswordDialog(OwnPassword ownPassword) {
        this.ownPassword = ownPassword;
        setId("change-password-dialog");
        setHeaderTitle(getTranslation("account.password.title"));
        current.setLabel(getTranslation("account.password.current"));
        current.setId("password-current");
        next.setLabel(getTranslation("account.password.new"));
        next.setHelperText(getTranslation("account.password.rules", PasswordPolicy.MIN_LENGTH));
        next.setId("password-new");
        repeat.setLabel(getTranslation("account.password.repeat"));
        repeat.setId("password-repeat");
        FormLayout form = new FormLayout(current, next, repeat);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        Button save = new Button(getTranslation("account.password.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("password-save");
        Button cancel = new Button(getTranslation("account.password.cancel"), e -> close());
        getFooter().add(cancel, save);
    }

    private void save() {
        for (PasswordField field : new PasswordField[] {current, next, repeat}) {
            field.setInvalid(false);
        }
        if (!next.getValue().equals(repeat.getValue())) {
            refuse(repeat, getTranslation("account.password.error.mismatch"));
            return;
        }
        try {
            ownPassword.change(current.getValue(), next.getValue());
        } catch (PasswordChangeException refused) {
            refuse(refused.messageKey().endsWith(".current") ? current : next,
                    getTranslation(refused.messageKey(), refused.arguments()));
            return;
        }
        close();
        Notification done = Notification.show(getTranslation("account.password.changed"));
        done.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private static void refuse(PasswordField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }
}
