package org.virtualvisits.analytics.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[16]);

    @Test
    void aSecretIsStoredUnreadableAndComesBackWithTheKey() {
        SecretCipher cipher = new SecretCipher(KEY);
        String sealed = cipher.encrypt("s3cr3t~value");
        assertThat(sealed).doesNotContain("s3cr3t");
        assertThat(cipher.encrypt("s3cr3t~value")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(cipher.decrypt(sealed)).isEqualTo("s3cr3t~value");
    }

    @Test
    void anotherKeyOrAnAlteredTextIsRefusedNotMisread() {
        String sealed = new SecretCipher(KEY).encrypt("s3cr3t~value");
        assertThatThrownBy(() -> new SecretCipher(OTHER_KEY).decrypt(sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("app.teams.secret-key");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> new SecretCipher(KEY).decrypt(Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[10])))
                .hasMessageContaining("16 or 32 bytes");
        assertThatThrownBy(() -> new SecretCipher("not base64!")).hasMessageContaining("base64");
    }
}
