package io.newsloom.extractor;

import java.net.MalformedURLException;
import java.net.URL;

/**
 * Makes a page's link values absolute. The base URL is parsed once per page, and values that are already
 * absolute http(s) are taken as they are: jsoup's {@code absUrl} re-parses the base for every value and, with no
 * base, throws and catches two exceptions for every relative link, which made it one of the costliest calls of
 * an extraction.
 */
final class UrlResolver {

    private final URL base;

    UrlResolver(String baseUrl) {
        this.base = parse(baseUrl);
    }

    private static URL parse(String url) {
        if (url == null || !isAbsoluteWeb(url.strip())) {
            return null;
        }
        try {
            return new URL(url.strip());
        } catch (MalformedURLException e) {
            return null;
        }
    }

    /** The absolute form of the value, or "" when it cannot be made absolute (relative with no base). */
    String resolve(String value) {
        String v = value.strip();
        if (isAbsoluteWeb(v) || hasScheme(v)) {
            return v;
        }
        if (base == null || v.isEmpty()) {
            return "";
        }
        try {
            // "?page=2" replaces the query of the base, keeping its path (browsers do; java.net.URL does not).
            return (v.charAt(0) == '?' ? new URL(base, base.getPath() + v) : new URL(base, v)).toExternalForm();
        } catch (MalformedURLException e) {
            return "";
        }
    }

    static boolean isAbsoluteWeb(String v) {
        return v.regionMatches(true, 0, "https://", 0, 8) || v.regionMatches(true, 0, "http://", 0, 7);
    }

    /** "mailto:", "tel:", "javascript:" and the like: not relative, kept for the caller's protocol check. */
    private static boolean hasScheme(String v) {
        int colon = v.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = v.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9'
                    || c == '+' || c == '-' || c == '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True when the resolved value uses one of the schemes. */
    static boolean hasSchemeIn(String resolved, String... schemes) {
        for (String scheme : schemes) {
            if (resolved.regionMatches(true, 0, scheme, 0, scheme.length())
                    && resolved.length() > scheme.length() && resolved.charAt(scheme.length()) == ':') {
                return true;
            }
        }
        return false;
    }
}
