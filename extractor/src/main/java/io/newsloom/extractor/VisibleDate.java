package io.newsloom.extractor;

import org.jsoup.nodes.Element;

/**
 * The date line printed near the headline ("來源:XX網 2022-12-01 08:30", "March 14, 2024"): the last source
 * of a publication date, used when no metadata gives one.
 */
final class VisibleDate {

    private static final int MAX_LINE = 200;
    private static final int SIBLINGS = 4;

    private VisibleDate() {}

    /** Short text of the blocks just after the headline {@code h1} (and after its parent), or null. */
    static String nearHeadline(Element h1) {
        if (h1 == null) {
            return null;
        }
        for (Element start : new Element[] {h1, h1.parent()}) {
            Element el = start == null ? null : start.nextElementSibling();
            for (int i = 0; el != null && i < SIBLINGS; i++, el = el.nextElementSibling()) {
                String text = el.text();
                if (text.length() <= MAX_LINE && hasDigit(text)
                        && DateParser.parse(text, java.time.ZoneOffset.UTC, java.time.LocalDate.now()) != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') { // the date patterns read ASCII digits only
                return true;
            }
        }
        return false;
    }
}
