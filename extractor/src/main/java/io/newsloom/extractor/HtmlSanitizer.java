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

    private static final Safelist SAFELIST = Safelist.basicWithImages()
            .addTags("h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr")
            .addAttributes("a", "title");
    private static final Set<String> VOID = Set.of("br", "hr", "img");

    private HtmlSanitizer() {}

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

    private static void open(Element el, StringBuilder out) {
        String tag = el.normalName();
        out.append('<').append(tag);
        for (Attribute attr : el.attributes()) {
            if (!SAFELIST.isSafeAttribute(tag, el, attr)) {
                continue;
            }
            String value = attr.getKey().equals("href") || attr.getKey().equals("src") ? el.absUrl(attr.getKey())
                    : attr.getValue();
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
