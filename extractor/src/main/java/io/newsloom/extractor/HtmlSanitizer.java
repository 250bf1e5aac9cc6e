package io.newsloom.extractor;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The body as safe HTML, decided by a jsoup {@link Safelist}: structure, emphasis, links and images only; no
 * scripts, styles, event handlers or classes. Tags outside the list are dropped and their text kept, as jsoup's
 * Cleaner does; written in one pass (the Cleaner's copy-then-serialise costs twice as much), skipping the
 * subtrees the body filter rejected.
 */
final class HtmlSanitizer {

    /**
     * Tags and attributes allowed in the output. Address schemes (http, https, and mailto for links) are checked
     * in {@link #open} on the resolved value, and links get {@code rel="nofollow"}.
     */
    private static final Safelist SAFELIST = new Safelist()
            .addTags("a", "b", "blockquote", "br", "cite", "code", "dd", "dl", "dt", "em", "i", "li", "ol", "p",
                    "pre", "q", "small", "span", "strike", "strong", "sub", "sup", "u", "ul", "img", "h2", "h3",
                    "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr")
            .addAttributes("a", "href", "title")
            .addAttributes("blockquote", "cite")
            .addAttributes("q", "cite")
            .addAttributes("img", "alt", "height", "src", "title", "width");
    private static final Set<String> VOID = Set.of("br", "hr", "img");

    private HtmlSanitizer() {}

    /** @param urls resolves link and image addresses against the page's URL */
    static String sanitize(List<Element> roots, List<Element> rejected, UrlResolver urls, int sizeHint) {
        Set<Element> skip = Collections.newSetFromMap(new IdentityHashMap<>());
        skip.addAll(rejected);
        StringBuilder out = new StringBuilder(sizeHint);
        NodeFilter writer = new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    HtmlEscaper.append(out, t.getWholeText());
                } else if (node instanceof Element el) {
                    if (skip.contains(el)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (SAFELIST.isSafeTag(el.normalName())) {
                        open(el, urls, out);
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element el && SAFELIST.isSafeTag(el.normalName())
                        && !VOID.contains(el.normalName())) {
                    out.append("</").append(el.normalName()).append('>');
                }
                return FilterResult.CONTINUE;
            }
        };
        for (Element root : roots) {
            NodeTraversor.filter(writer, root);
        }
        return out.toString();
    }

    private static void open(Element el, UrlResolver urls, StringBuilder out) {
        String tag = el.normalName();
        out.append('<').append(tag);
        for (Attribute attr : el.attributes()) {
            String key = attr.getKey();
            // The tag must allow the attribute; addresses must then resolve to an allowed scheme. Checked here
            // on the resolved value, because the Safelist's own protocol check resolves the URL again (and
            // writes it back into the document).
            if (!SAFELIST.isSafeAttribute(tag, el, attr)) {
                continue;
            }
            String value = attr.getValue();
            if (key.equals("href") || key.equals("src") || key.equals("cite")) {
                value = urls.resolve(value);
                boolean allowed = tag.equals("a") ? UrlResolver.hasSchemeIn(value, "http", "https", "mailto")
                        : UrlResolver.hasSchemeIn(value, "http", "https");
                if (!allowed) {
                    continue;
                }
            }
            if (value.isEmpty()) {
                continue;
            }
            out.append(' ').append(key).append("=\"");
            HtmlEscaper.append(out, value);
            out.append('"');
        }
        if (tag.equals("a")) {
            out.append(" rel=\"nofollow\"");
        }
        out.append('>');
    }
}
