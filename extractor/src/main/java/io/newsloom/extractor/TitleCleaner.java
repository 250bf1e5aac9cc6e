package io.newsloom.extractor;

import java.util.regex.Pattern;

/**
 * Removes the site-name and section suffixes (or prefixes) that pages add to their titles:
 * "Headline | Paper", "Headline - Site", "頭條_財經頻道_XX網".
 */
final class TitleCleaner {

    private static final Pattern SEPARATORS = Pattern.compile("\\s+[|\\-–—:·•»]\\s+|\\s*[|｜_]\\s*|\\s+::\\s+");

    private TitleCleaner() {}

    /**
     * @param title    the raw title (JSON-LD headline, og:title or {@code <title>})
     * @param headline the page's {@code <h1>}, or null
     * @param siteName the site's name, or null
     */
    static String clean(String title, String headline, String siteName) {
        String t = title == null ? null : TextMeasure.normalizeSpace(title);
        String h = headline == null ? null : TextMeasure.normalizeSpace(headline);
        if (t == null || t.isEmpty()) {
            return h == null || h.isEmpty() ? null : h;
        }
        if (h != null && !h.isEmpty() && (t.equals(h) || t.startsWith(h) && SEPARATORS.matcher(t.substring(h.length()))
                .lookingAt() || t.endsWith(h) && h.length() * 3 >= t.length())) {
            return h; // the visible headline is the title with decoration removed
        }
        String[] parts = SEPARATORS.split(t);
        if (parts.length < 2) {
            return t;
        }
        if (siteName != null && !siteName.isBlank()) {
            String site = TextMeasure.normalizeSpace(siteName);
            if (parts[parts.length - 1].equalsIgnoreCase(site)) {
                return clean(joinUntilLastSeparator(t), h, null);
            }
            if (parts[0].equalsIgnoreCase(site)) {
                return t.substring(t.indexOf(parts[1], parts[0].length())).strip();
            }
        }
        // Otherwise keep the first part when it is clearly the substantial one: the rest is decoration.
        String first = parts[0];
        int rest = t.length() - first.length();
        if (first.length() >= rest && first.length() >= 4 || isCjkHeadline(first) && first.length() >= 6) {
            return first.strip();
        }
        return t;
    }

    private static String joinUntilLastSeparator(String t) {
        var m = SEPARATORS.matcher(t);
        int last = -1;
        while (m.find()) {
            last = m.start();
        }
        return last > 0 ? t.substring(0, last) : t;
    }

    private static boolean isCjkHeadline(String s) {
        int cjk = 0;
        for (int i = 0; i < s.length(); i++) {
            if (TextMeasure.isCjk(s.charAt(i))) {
                cjk++;
            }
        }
        return cjk * 2 > s.length();
    }
}
