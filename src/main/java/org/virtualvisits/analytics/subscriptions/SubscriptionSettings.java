package org.virtualvisits.analytics.subscriptions;

import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The settings of subscription mails (README, "Report subscriptions"): sender, the app's public
 * address for links, the key that signs unsubscribe links, whether mail is configured at all
 * ({@code spring.mail.host}), and the largest view a mail carries as an attachment.
 */
@Component
class SubscriptionSettings {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSettings.class);

    private final String from;
    private final String publicUrl;
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
        if (signingKey.isBlank()) {
            // Links keep working until the next start only: say so rather than fail the start.
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.signingKey = random;
            if (mailConfigured) {
                log.warn("app.subscriptions.signing-key is not set: unsubscribe links in mails sent now stop "
                        + "working when the application restarts. Set it to a long random secret.");
            }
        } else {
            this.signingKey = signingKey.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
