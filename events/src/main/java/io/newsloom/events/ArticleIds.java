package io.newsloom.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Stable article ids: the same canonical URL always gives the same id, on any machine. */
public final class ArticleIds {

    private ArticleIds() {
    }

    /** 16 hex characters: the first 8 bytes of SHA-256 of the normalised URL. */
    public static String fromUrl(String url) {
        return HexFormat.of().formatHex(sha256(normalise(url).getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    /** SHA-256 of text as 64 hex characters. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Lower-cases scheme and host, drops the default port and the fragment, and gives an empty path as "/", so that
     * spellings of one address that no server tells apart map to one id.
     */
    public static String normalise(String url) {
        try {
            URI u = new URI(url.trim());
            if (u.getScheme() == null || u.getRawAuthority() == null) {
                return url.trim();
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            String host = u.getHost() == null ? u.getRawAuthority().toLowerCase(Locale.ROOT)
                    : u.getHost().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            String userInfo = u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@";
            return scheme + "://" + userInfo + host + (defaultPort ? "" : ":" + port) + path + query;
        } catch (URISyntaxException e) {
            return url.trim();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
