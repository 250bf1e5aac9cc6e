package io.newsloom.extractor;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.util.List;

/**
 * The body as safe HTML: structure, emphasis, links and images only; no scripts, styles, event handlers or
 * classes (jsoup {@link Safelist}, which drops every tag and attribute not listed).
 */
final class HtmlSanitizer {

    private static final Safelist SAFELIST = Safelist.basicWithImages()
            .addTags("h2", "h3", "h4", "h5", "h6", "figure", "table", "thead", "tbody", "tr", "th", "td", "hr")
            .addAttributes("a", "href", "title")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");

    private HtmlSanitizer() {}

    /** Sanitised HTML of the given elements, which are moved out of their document. */
    static String sanitize(List<Element> roots, String baseUri) {
        Document shell = Document.createShell(baseUri == null ? "" : baseUri);
        for (Element root : roots) {
            shell.body().appendChild(root);
        }
        Document clean = new Cleaner(SAFELIST).clean(shell);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }
}
