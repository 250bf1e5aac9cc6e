package io.newsloom.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * Who may write: when an API key is configured, a request that changes something must present it; reads stay open.
 * The comparison takes the same time whatever the presented key, so its timing tells nothing about the key.
 */
public final class ApiKeyCheck {

    /** Methods that only read. */
    static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final byte[] keyDigest;

    public ApiKeyCheck(Optional<String> key) {
        this.keyDigest = key.filter(k -> !k.isBlank()).map(ApiKeyCheck::digest).orElse(null);
    }

    /** Whether a request with this method and this X-API-Key header (null when absent) may go on. */
    public boolean allows(String method, String presentedKey) {
        if (keyDigest == null || READS.contains(method)) {
            return true;
        }
        // digests have one length, so that the comparison does not depend on the presented key's length either
        return presentedKey != null && MessageDigest.isEqual(keyDigest, digest(presentedKey));
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
