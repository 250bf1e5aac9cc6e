package io.newsloom.extractor;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Renders elements as plain text, one paragraph per line: block elements and {@code <br>} end a line, inline
 * text joins, whitespace collapses. Subtrees the caller rejects are skipped (and reported, so the HTML output
 * can drop them too).
 */
final class TextRenderer {

    static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dd",
            "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th", "thead",
            "tbody", "tfoot", "caption", "figure", "figcaption", "header", "footer", "address", "hr", "br",
            "center", "form", "fieldset", "details", "summary", "aside", "nav");

    private TextRenderer() {}

    /** Lines of text, in document order, of the given elements minus the rejected subtrees. */
    static List<String> lines(List<Element> roots, Predicate<Element> reject, List<Element> rejected) {
        List<String> lines = new ArrayList<>();
        Line line = new Line();
        NodeFilter filter = new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    line.append(t.getWholeText());
                    return FilterResult.CONTINUE;
                }
                if (node instanceof Element el) {
                    if (depth > 0 && reject.test(el)) {
                        rejected.add(el);
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (BLOCKS.contains(el.normalName())) {
                        line.flushTo(lines);
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element el && BLOCKS.contains(el.normalName())) {
                    line.flushTo(lines);
                }
                return FilterResult.CONTINUE;
            }
        };
        for (Element root : roots) {
            NodeTraversor.filter(filter, root);
            line.flushTo(lines);
        }
        return lines;
    }

    /**
     * The line being built, whitespace collapsed as text arrives (runs of spaces become one space, none at either
     * end), so a finished line needs no second normalising copy.
     */
    private static final class Line {
        private final StringBuilder text = new StringBuilder();
        private boolean pendingSpace;

        void append(String s) {
            int n = s.length();
            for (int i = 0; i < n; ) {
                if (TextMeasure.isSpace(s.charAt(i))) {
                    pendingSpace = text.length() > 0;
                    i++;
                    continue;
                }
                // Copy at once each run that needs no collapsing: words joined by single plain spaces.
                int end = i + 1;
                while (end < n) {
                    if (!TextMeasure.isSpace(s.charAt(end))) {
                        end++;
                    } else if (s.charAt(end) == ' ' && end + 1 < n && !TextMeasure.isSpace(s.charAt(end + 1))) {
                        end += 2;
                    } else {
                        break;
                    }
                }
                if (pendingSpace) {
                    text.append(' ');
                    pendingSpace = false;
                }
                // A substring is copied as one array; append(s, i, end) copies char by char on Java 17.
                text.append(s.substring(i, end));
                i = end;
            }
        }

        void flushTo(List<String> lines) {
            if (text.length() > 0) {
                lines.add(text.toString());
                text.setLength(0);
            }
            pendingSpace = false;
        }
    }
}
