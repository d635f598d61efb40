package org.virtualvisits.analytics.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Rules for passwords an administrator sets: at least 12 characters (length beats
 * composition rules, as NIST SP 800-63B advises), at most 72 bytes (bcrypt ignores the
 * rest, and Spring refuses longer ones), and not the username.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;
    /** No look-alike characters (0/O, 1/l/I): the password may be read out or typed from a note. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Each rule broken, with the last part of its message key and the message's argument. */
    public enum Violation {
        TOO_SHORT("tooShort", MIN_LENGTH), TOO_LONG("tooLong", MAX_BYTES), CONTAINS_USERNAME("containsUsername");

        private final String keySuffix;
        private final Object[] arguments;

        Violation(String keySuffix, Object... arguments) {
            this.keySuffix = keySuffix;
            this.arguments = arguments;
        }

        /** The message key under {@code prefix}, e.g. "admin.error.password." + "tooShort". */
        public String messageKey(String prefix) {
            return prefix + keySuffix;
        }

        public Object[] arguments() {
            return arguments.clone();
        }
    }

    private PasswordPolicy() {
    }

    public static Optional<Violation> check(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(Violation.TOO_SHORT);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(Violation.TOO_LONG);
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of(Violation.CONTAINS_USERNAME);
        }
        return Optional.empty();
    }

    /** A random password of 16 characters (about 94 bits), for an administrator to hand over. */
    public static String generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
