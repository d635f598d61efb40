package org.virtualvisits.analytics.subscriptions;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a mail's unsubscribe link: the subscription id and an HMAC-SHA256 of it under a
 * server key, so that the link works without signing in and cannot be forged for another
 * subscription. Ids are never reused, so a token never outlives its subscription's meaning.
 */
final class UnsubscribeTokens {

    private static final String PURPOSE = "unsubscribe:";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    UnsubscribeTokens(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("The signing key must have at least 16 bytes");
        }
        this.key = key.clone();
    }

    String token(long subscriptionId) {
        return subscriptionId + "." + ENCODER.encodeToString(mac(subscriptionId));
    }

    /** The subscription id of a valid token; empty for anything else (no detail for a forger). */
    OptionalLong verify(String token) {
        if (token == null || token.length() > 200) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return OptionalLong.empty();
        }
        long id;
        byte[] signature;
        try {
            id = Long.parseLong(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        if (id <= 0 || !token.substring(0, dot).equals(Long.toString(id))) {
            return OptionalLong.empty();
        }
        return MessageDigest.isEqual(mac(id), signature) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    private byte[] mac(long subscriptionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((PURPOSE + subscriptionId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
