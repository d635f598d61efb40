package org.virtualvisits.analytics.subscriptions;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Checks a recipient address as the mail library will read it: one plain address, nothing else. */
final class MailAddresses {

    static final int MAX_LENGTH = 254;

    private MailAddresses() {
    }

    /** The address, trimmed; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    static String checked(String address) {
        String trimmed = address == null ? "" : address.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("An e-mail address of at most " + MAX_LENGTH + " characters is required");
        }
        try {
            InternetAddress parsed = new InternetAddress(trimmed, true);
            // No "Name <address>", no group, no list: exactly one bare address with a domain.
            if (!parsed.getAddress().equals(trimmed) || parsed.isGroup() || !trimmed.contains("@")) {
                throw new AddressException("not a single address");
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("Not an e-mail address: " + trimmed);
        }
        return trimmed;
    }

    /** The username when it is itself an address (a sensible default), else empty. */
    static String guess(String username) {
        try {
            return checked(username);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
