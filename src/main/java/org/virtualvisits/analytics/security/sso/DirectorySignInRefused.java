package org.virtualvisits.analytics.security.sso;

/** A directory sign-in that is refused for a reason the person can be told about. */
public class DirectorySignInRefused extends RuntimeException {

    /** Why; {@link #code()} goes into the refusal page's address. */
    public enum Reason {
        UNKNOWN_TENANT("unknown-tenant"),
        NO_ROLE("no-role"),
        DISABLED("disabled"),
        NAME_TAKEN("name-taken"),
        OTHER_ORGANISATION("other-organisation");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The reason with this code; empty for anything else (a provider's error, a forged address). */
        public static java.util.Optional<Reason> ofCode(String code) {
            for (Reason reason : values()) {
                if (reason.code.equals(code)) {
                    return java.util.Optional.of(reason);
                }
            }
            return java.util.Optional.empty();
        }
    }

    private final Reason reason;

    DirectorySignInRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
