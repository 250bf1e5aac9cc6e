package io.newsloom.extractor;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
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

    private static final Safelist SAFELIST = safelist(true);
    /** The same list without protocol checks: used only for values already known to be absolute http(s). */
    private static final Safelist SAFELIST_ABSOLUTE = safelist(false);
    private static final Set<String> VOID = Set.of("br", "hr", "img");

    private HtmlSanitizer() {}

    private static Safelist safelist(boolean checkProtocols) {
        Safelist list = new Safelist()
                .addTags("a", "b", "blockquote", "br", "cite", "code", "dd", "dl", "dt", "em", "i", "li", "ol", "p",
                        "pre", "q", "small", "span", "strike", "strong", "sub", "sup", "u", "ul", "img", "h2", "h3",
                        "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr")
                .addAttributes("a", "href", "title")
                .addAttributes("blockquote", "cite")
                .addAttributes("q", "cite")
                .addAttributes("img", "alt", "height", "src", "title", "width")
                .addEnforcedAttribute("a", "rel", "nofollow");
        if (checkProtocols) {
            list.addProtocols("a", "href", "http", "https", "mailto")
                    .addProtocols("blockquote", "cite", "http", "https")
                    .addProtocols("q", "cite", "http", "https")
                    .addProtocols("img", "src", "http", "https");
        }
        return list;
    }

    static String sanitize(List<Element> roots, List<Element> rejected) {
        Set<Element> skip = Collections.newSetFromMap(new IdentityHashMap<>());
        skip.addAll(rejected);
        StringBuilder out = new StringBuilder();
        NodeFilter writer = new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(Entities.escape(t.getWholeText()));
                } else if (node instanceof Element el) {
                    if (skip.contains(el)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (SAFELIST.isSafeTag(el.normalName())) {
                        open(el, out);
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

    private static boolean isAbsoluteWebUrl(String value) {
        String v = value.strip();
        return v.regionMatches(true, 0, "https://", 0, 8) || v.regionMatches(true, 0, "http://", 0, 7);
    }

    private static void open(Element el, StringBuilder out) {
        String tag = el.normalName();
        out.append('<').append(tag);
        for (Attribute attr : el.attributes()) {
            String key = attr.getKey();
            String value;
            if ((key.equals("href") || key.equals("src")) && isAbsoluteWebUrl(attr.getValue())) {
                // Already absolute http(s): what the Safelist's protocol check would accept, without its
                // costly URL resolution; the tag must still allow the attribute.
                value = SAFELIST_ABSOLUTE.isSafeAttribute(tag, el, attr) ? attr.getValue().strip() : "";
            } else if (!SAFELIST.isSafeAttribute(tag, el, attr)) {
                continue;
            } else {
                value = key.equals("href") || key.equals("src") ? el.absUrl(key) : attr.getValue();
            }
            if (value.isEmpty()) {
                continue;
            }
            out.append(' ').append(attr.getKey()).append("=\"").append(Entities.escape(value)).append('"');
        }
        SAFELIST.getEnforcedAttributes(tag).forEach(a -> out.append(' ').append(a.getKey()).append("=\"")
                .append(Entities.escape(a.getValue())).append('"'));
        out.append('>');
    }
}
