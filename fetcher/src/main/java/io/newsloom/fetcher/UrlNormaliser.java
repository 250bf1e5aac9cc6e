package io.newsloom.fetcher;

import crawlercommons.filters.basic.BasicURLNormalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One spelling per address, so that the frontier knows a URL it has seen under another spelling: scheme and host in
 * lower case, no default port, no fragment, no tracking parameters ({@code utm_*}, {@code fbclid}, ...), query
 * parameters sorted. Path escaping and dot segments are crawler-commons' {@link BasicURLNormalizer}.
 */
public final class UrlNormaliser {

    static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
            "igshid", "_hsenc", "_hsmi", "yclid");

    private static final BasicURLNormalizer BASIC = BasicURLNormalizer.newBuilder().build();

    private UrlNormaliser() {
    }

    /** The normalised URL, or null when it is not a URL crawler-commons can read. */
    public static String normalise(String url) {
        if (url == null) {
            return null;
        }
        String basic = BASIC.filter(url.trim());
        if (basic == null) {
            return null;
        }
        int hash = basic.indexOf('#');
        if (hash >= 0) {
            basic = basic.substring(0, hash);
        }
        int question = basic.indexOf('?');
        if (question < 0) {
            return basic;
        }
        String query = sortedWithoutTracking(basic.substring(question + 1));
        return query.isEmpty() ? basic.substring(0, question) : basic.substring(0, question) + "?" + query;
    }

    private static String sortedWithoutTracking(String query) {
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
                kept.add(pair);
            }
        }
        kept.sort(null);
        return String.join("&", kept);
    }
}
