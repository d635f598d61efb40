package org.virtualvisits.analytics.security;

/** A refused password change; {@code messageKey} and {@code arguments} say why, in the user's language. */
public class PasswordChangeException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    public PasswordChangeException(String messageKey, Object... arguments) {
        super(messageKey);
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
