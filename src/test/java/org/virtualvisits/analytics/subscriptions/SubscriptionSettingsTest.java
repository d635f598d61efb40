package org.virtualvisits.analytics.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Unsubscribe links must keep working across restarts and instances: the signing key is required with mail. */
class SubscriptionSettingsTest {

    private static final String KEY = "a-signing-key-of-at-least-thirty-two-chars";

    @Test
    void mailWithoutASigningKeyRefusesToStart() {
        assertThatThrownBy(() -> new SubscriptionSettings("from@x.test", "https://x.test", "", "smtp.x.test", 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("app.subscriptions.signing-key");
    }

    @Test
    void aShortSigningKeyIsRefused() {
        assertThatThrownBy(() -> new SubscriptionSettings("from@x.test", "https://x.test", "short", "smtp.x.test", 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32");
    }

    @Test
    void theConfiguredKeySignsAndWithoutMailARunsOwnKeyIsEnough() {
        assertThat(new SubscriptionSettings("f@x.test", "https://x.test/", KEY, "smtp.x.test", 10).signingKey())
                .isEqualTo(KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SubscriptionSettings noMail = new SubscriptionSettings("f@x.test", "https://x.test", "", "", 10);
        assertThat(noMail.signingKey()).hasSize(SubscriptionSettings.MIN_KEY_BYTES);
        assertThat(noMail.mailConfigured()).isFalse();
    }
}
