package io.newsloom.extractor;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes what is never article text before the content is looked for: scripts and styles, embedded objects,
 * form controls, hidden elements, page furniture named by tag or class, and empty injected tags (spam markup
 * such as {@code <li id="omoqo"></li>}). Large blocks are kept even when their names look like furniture, so a
 * wrapper called "has-sidebar" cannot take the article with it.
 */
final class DocumentCleaner {

    static final Set<String> NEVER_TEXT = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "link", "meta", "input", "button", "select", "option", "textarea",
            "dialog", "map", "audio", "video", "source", "track", "math");
    private static final Set<String> FURNITURE_TAGS = Set.of("nav", "aside", "footer", "header", "menu",
            "figcaption");
    private static final Set<String> MEDIA = Set.of("img", "picture", "br", "hr", "wbr");
    private static final Pattern HIDDEN_STYLE = Pattern.compile(
            "display\\s*:\\s*none|visibility\\s*:\\s*hidden", Pattern.CASE_INSENSITIVE);
    /** A furniture-looking block holding more than this share of the page's prose (non-link text) is kept. */
    private static final double KEEP_SHARE = 0.4;

    private DocumentCleaner() {}

    /** Cleans the document, given the measures of its text, and keeps the measures up to date. */
    static void clean(Document doc, TextStats stats) {
        Element body = doc.body();
        int pageProse = Math.max(1, stats.of(body).proseChars());
        List<Element> doomed = new ArrayList<>();
        // Pages repeat a few class names over hundreds of elements; each is judged once.
        Map<String, Boolean> furnitureClasses = new HashMap<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (!(node instanceof Element el) || el == body) {
                    return node instanceof Element ? FilterResult.CONTINUE : FilterResult.SKIP_ENTIRELY;
                }
                if (NEVER_TEXT.contains(el.normalName())) {
                    doomed.add(el);
                    return FilterResult.SKIP_ENTIRELY;
                }
                TextStats.Counts c = stats.of(el);
                if (c.chars == 0 && c.media == 0 && !MEDIA.contains(el.normalName())) {
                    doomed.add(el); // empty: layout spacers and injected spam tags
                    return FilterResult.SKIP_ENTIRELY;
                }
                boolean major = c.proseChars() >= KEEP_SHARE * pageProse;
                if (!major && (isHidden(el) || isFurniture(el, furnitureClasses))) {
                    doomed.add(el);
                    return FilterResult.SKIP_ENTIRELY;
                }
                return FilterResult.CONTINUE;
            }
        }, body);
        doomed.forEach(stats::remove);
    }

    static boolean isHidden(Element el) {
        if (el.hasAttr("hidden") || el.attr("aria-hidden").equalsIgnoreCase("true")) {
            return true;
        }
        String style = el.attr("style");
        return !style.isEmpty() && HIDDEN_STYLE.matcher(style).find();
    }

    private static boolean isFurniture(Element el, Map<String, Boolean> furnitureClasses) {
        String tag = el.normalName();
        if (tag.equals("article") || tag.equals("main") || tag.equals("body")) {
            return false;
        }
        if (FURNITURE_TAGS.contains(tag)) {
            return true;
        }
        String role = el.attr("role").toLowerCase(Locale.ROOT);
        if (role.equals("navigation") || role.equals("complementary") || role.equals("contentinfo")
                || role.equals("banner") || role.equals("search")) {
            return true;
        }
        String id = el.id();
        if (!id.isEmpty()) {
            return BoilerplateHints.isNegative(el.className(), id);
        }
        return furnitureClasses.computeIfAbsent(el.className(), cls -> BoilerplateHints.isNegative(cls, ""));
    }
}
