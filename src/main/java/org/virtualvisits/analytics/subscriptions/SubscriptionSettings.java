package org.virtualvisits.analytics.subscriptions;

import java.security.SecureRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The settings of subscription mails (README, "Report subscriptions"): sender, the app's public
 * address for links, the key that signs unsubscribe links, whether mail is configured at all
 * ({@code spring.mail.host}), and the largest view a mail carries as an attachment.
 */
@Component
class SubscriptionSettings {


    private final String from;
    private final String publicUrl;
    /** An HMAC-SHA256 key shorter than its output weakens it. */
    static final int MIN_KEY_BYTES = 32;

    private final byte[] signingKey;
    private final boolean mailConfigured;
    private final long maxAttachmentRows;

    SubscriptionSettings(@Value("${app.mail.from:virtual-visits@localhost}") String from,
            @Value("${app.public-url:http://localhost:8080}") String publicUrl,
            @Value("${app.subscriptions.signing-key:}") String signingKey,
            @Value("${spring.mail.host:}") String mailHost,
            @Value("${app.subscriptions.max-attachment-rows:100000}") long maxAttachmentRows) {
        this.from = from;
        this.publicUrl = ViewLink.stripSlash(publicUrl.strip());
        this.mailConfigured = !mailHost.isBlank();
        this.maxAttachmentRows = maxAttachmentRows;
        if (signingKey.isBlank() && mailConfigured) {
            // Mails carry unsubscribe links: with a key of its own per start (or per instance) they
            // would stop working after a restart, or on the other instance. Refuse to start instead.
            throw new IllegalStateException("spring.mail.host is set but app.subscriptions.signing-key is not: set it"
                    + " to a random secret of at least " + MIN_KEY_BYTES + " characters, the same on every instance.");
        }
        if (signingKey.isBlank()) {
            // No mail is sent, so no link leaves the application: a key for this run is enough.
            byte[] random = new byte[MIN_KEY_BYTES];
            new SecureRandom().nextBytes(random);
            this.signingKey = random;
        } else {
            this.signingKey = signingKey.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (this.signingKey.length < MIN_KEY_BYTES) {
                throw new IllegalStateException("app.subscriptions.signing-key must have at least " + MIN_KEY_BYTES
                        + " characters.");
            }
        }
    }

    String from() {
        return from;
    }

    String publicUrl() {
        return publicUrl;
    }

    byte[] signingKey() {
        return signingKey.clone();
    }

    boolean mailConfigured() {
        return mailConfigured;
    }

    long maxAttachmentRows() {
        return maxAttachmentRows;
    }
}
