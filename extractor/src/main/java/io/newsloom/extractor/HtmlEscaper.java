package io.newsloom.extractor;

/**
 * Escapes text and attribute values for HTML output straight into the output buffer (jsoup's
 * {@code Entities.escape} builds a new string for each text node). Same entities as jsoup's default: the five
 * markup characters and the non-breaking space, which would otherwise be invisible in the source.
 *
 * <p>Runs between entities are appended as substrings: on Java 17 {@code StringBuilder.append(CharSequence, int,
 * int)} copies one character at a time, while appending a whole string is one array copy.
 */
final class HtmlEscaper {

    private HtmlEscaper() {}

    static void append(StringBuilder out, String text) {
        int start = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            String entity = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                case '\u00a0' -> "&nbsp;";
                default -> null;
            };
            if (entity != null) {
                out.append(text.substring(start, i)).append(entity);
                start = i + 1;
            }
        }
        out.append(text.substring(start));
    }
}
