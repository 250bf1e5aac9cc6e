package io.newsloom.extractor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads {@link Metadata} from the document, most trusted source first: JSON-LD articles, then OpenGraph,
 * Twitter and other meta tags, then microdata and {@code <time>}, then the {@code <title>} and {@code <h1>}.
 */
final class MetadataReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_UNQUOTED_CONTROL_CHARS)
            .enable(JsonParser.Feature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private static final int MAX_JSON_LD_CHARS = 2_000_000;

    private MetadataReader() {}

    /** Reads the metadata of a document whose every element, in document order, {@code sources} has seen. */
    static Metadata read(Document doc, Sources sources, UrlResolver urls) {
        Metadata meta = new Metadata();
        for (Element script : sources.jsonLd) {
            String json = script.data();
            if (json.length() <= MAX_JSON_LD_CHARS) {
                readJsonLd(json, meta);
            }
        }
        readMetaTags(sources.metas, sources.canonical, urls, meta);
        readMicrodata(sources.microdata, meta);
        if (sources.h1 != null) {
            meta.headline = TextMeasure.normalizeSpace(sources.h1.text());
        }
        if (sources.title != null) {
            meta.title = Metadata.firstNonBlank(meta.title, TextMeasure.normalizeSpace(sources.title.text()));
        }
        Element html = doc.firstElementChild();
        if (html != null) {
            meta.declaredLanguage = Metadata.firstNonBlank(meta.declaredLanguage, html.attr("lang"));
            meta.declaredLanguage = Metadata.firstNonBlank(meta.declaredLanguage, html.attr("xml:lang"));
        }
        return meta;
    }

    /**
     * The elements any metadata source needs, collected as the elements of the document are handed to it in
     * document order (by the walk that measures the text, so the document is walked once for both).
     */
    static final class Sources implements Consumer<Element> {
        final List<Element> jsonLd = new ArrayList<>();
        final List<Element> metas = new ArrayList<>();
        final List<Element> microdata = new ArrayList<>();
        /** The document's first headline. */
        Element h1;
        Element title;
        Element canonical;

        @Override
        public void accept(Element el) {
            switch (el.normalName()) {
                case "script" -> {
                    if (el.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
                        jsonLd.add(el);
                    }
                }
                case "meta" -> metas.add(el);
                case "h1" -> h1 = h1 == null ? el : h1;
                case "title" -> {
                    // The document's title is in the head; a <title> in the body names an SVG drawing.
                    if (title == null && el.parent() != null && el.parent().nameIs("head")) {
                        title = el;
                    }
                }
                case "link" -> {
                    if (canonical == null && el.attr("rel").equalsIgnoreCase("canonical") && el.hasAttr("href")) {
                        canonical = el;
                    }
                }
                case "time" -> microdata.add(el);
                default -> {
                    if (el.attributesSize() > 0 && (el.hasAttr("itemprop") || el.hasAttr("rel"))) {
                        String prop = el.attr("itemprop");
                        if (prop.equals("datePublished") || prop.equals("dateModified") || prop.equals("author")
                                || el.attr("rel").equals("author")) {
                            microdata.add(el);
                        }
                    }
                }
            }
        }
    }

    private static void readJsonLd(String json, Metadata meta) {
        try {
            JsonNode root = JSON.readTree(json.strip());
            visitJsonLd(root, meta, 0);
        } catch (Exception | StackOverflowError e) {
            // Broken JSON-LD is common; the other sources still apply.
        }
    }

    private static void visitJsonLd(JsonNode node, Metadata meta, int depth) {
        if (node == null || depth > 8) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                visitJsonLd(n, meta, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("@graph")) {
            visitJsonLd(node.get("@graph"), meta, depth + 1);
        }
        String type = typeOf(node);
        if (type != null) {
            meta.types.add(type);
        }
        if (type != null && (type.endsWith("article") || type.equals("blogposting") || type.equals("report"))) {
            meta.title = Metadata.firstNonBlank(meta.title, text(node.get("headline")));
            meta.published = Metadata.firstNonBlank(meta.published, text(node.get("datePublished")));
            meta.modified = Metadata.firstNonBlank(meta.modified, text(node.get("dateModified")));
            meta.description = Metadata.firstNonBlank(meta.description, text(node.get("description")));
            meta.imageUrl = Metadata.firstNonBlank(meta.imageUrl, urlOf(node.get("image")));
            meta.declaredLanguage = Metadata.firstNonBlank(meta.declaredLanguage, text(node.get("inLanguage")));
            addNames(node.get("author"), meta);
            JsonNode publisher = node.get("publisher");
            if (publisher != null) {
                meta.siteName = Metadata.firstNonBlank(meta.siteName, text(publisher.get("name")));
            }
            addKeywords(node.get("keywords"), meta);
        } else if (type != null && type.equals("website")) {
            meta.siteName = Metadata.firstNonBlank(meta.siteName, text(node.get("name")));
        }
    }

    private static String typeOf(JsonNode node) {
        JsonNode t = node.get("@type");
        if (t == null) {
            return null;
        }
        if (t.isArray()) {
            for (JsonNode one : t) {
                String s = one.asText().toLowerCase(Locale.ROOT);
                if (s.endsWith("article") || s.equals("blogposting")) {
                    return s;
                }
            }
            return t.size() > 0 ? t.get(0).asText().toLowerCase(Locale.ROOT) : null;
        }
        return t.asText().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            return n.size() > 0 ? text(n.get(0)) : null;
        }
        if (n.isObject()) {
            return text(n.has("@value") ? n.get("@value") : n.get("name"));
        }
        return n.asText();
    }

    private static String urlOf(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isArray()) {
            return n.size() > 0 ? urlOf(n.get(0)) : null;
        }
        if (n.isObject()) {
            return text(n.has("url") ? n.get("url") : n.get("@id"));
        }
        return n.asText();
    }

    private static void addNames(JsonNode n, Metadata meta) {
        if (n == null) {
            return;
        }
        if (n.isArray()) {
            for (JsonNode one : n) {
                addNames(one, meta);
            }
        } else if (n.isObject()) {
            String name = text(n.get("name"));
            if (name != null && !name.isBlank()) {
                meta.authors.add(name.strip());
            }
        } else if (!n.asText().isBlank()) {
            meta.authors.add(n.asText().strip());
        }
    }

    private static void addKeywords(JsonNode n, Metadata meta) {
        if (n == null) {
            return;
        }
        if (n.isArray()) {
            for (JsonNode one : n) {
                addKeywords(one, meta);
            }
        } else {
            splitTags(n.asText(), meta);
        }
    }

    private static void splitTags(String s, Metadata meta) {
        for (String tag : s.split("[,，、;]")) {
            String t = tag.strip();
            if (!t.isEmpty() && t.length() <= 80) {
                meta.tags.add(t);
            }
        }
    }

    private static void readMetaTags(List<Element> metas, Element canonical, UrlResolver urls, Metadata meta) {
        String ogTitle = null, twitterTitle = null, keywords = null;
        boolean hasArticleTags = false;
        for (Element m : metas) {
            String key = (m.hasAttr("property") ? m.attr("property") : m.hasAttr("name") ? m.attr("name")
                    : m.attr("itemprop")).toLowerCase(Locale.ROOT).strip();
            String httpEquiv = m.attr("http-equiv").toLowerCase(Locale.ROOT);
            String content = m.attr("content").strip();
            if (content.isEmpty()) {
                continue;
            }
            if (httpEquiv.equals("content-language")) {
                meta.declaredLanguage = Metadata.firstNonBlank(meta.declaredLanguage, content);
                continue;
            }
            switch (key) {
                case "og:title" -> ogTitle = Metadata.firstNonBlank(ogTitle, content);
                case "twitter:title" -> twitterTitle = Metadata.firstNonBlank(twitterTitle, content);
                case "og:description", "twitter:description", "description" ->
                        meta.description = Metadata.firstNonBlank(meta.description, content);
                case "og:image", "og:image:url", "twitter:image", "twitter:image:src" ->
                        meta.imageUrl = Metadata.firstNonBlank(meta.imageUrl, orRaw(urls.resolve(content), content));
                case "og:url" -> meta.canonicalUrl = Metadata.firstNonBlank(meta.canonicalUrl, content);
                case "og:site_name", "application-name" ->
                        meta.siteName = Metadata.firstNonBlank(meta.siteName, content);
                case "og:type" -> meta.types.add(content.toLowerCase(Locale.ROOT));
                case "article:published_time", "datepublished", "pubdate", "publishdate", "publish_date",
                     "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
                     "og:published_time", "article:published" ->
                        meta.published = Metadata.firstNonBlank(meta.published, content);
                case "article:modified_time", "og:updated_time", "datemodified", "lastmod", "last-modified",
                     "dcterms.modified" -> meta.modified = Metadata.firstNonBlank(meta.modified, content);
                case "author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl" -> {
                    if (!content.startsWith("http")) {
                        meta.authors.add(content);
                    }
                }
                case "article:tag", "parsely-tags" -> {
                    hasArticleTags = true;
                    splitTags(content, meta);
                }
                case "keywords", "news_keywords" -> keywords = Metadata.firstNonBlank(keywords, content);
                case "og:locale", "language", "content-language", "dc.language" ->
                        meta.declaredLanguage = Metadata.firstNonBlank(meta.declaredLanguage, content);
                default -> { }
            }
        }
        meta.title = Metadata.firstNonBlank(meta.title, ogTitle);
        meta.title = Metadata.firstNonBlank(meta.title, twitterTitle);
        if (!hasArticleTags && meta.tags.isEmpty() && keywords != null) {
            splitTags(keywords, meta);
        }
        if (canonical != null) {
            // The link element is more specific than og:url, which some sites set to the home page.
            meta.canonicalUrl = orRaw(urls.resolve(canonical.attr("href")), canonical.attr("href"));
        }
    }

    /** The resolved address, or the raw value when it could not be made absolute (no page URL). */
    private static String orRaw(String resolved, String raw) {
        return resolved.isEmpty() ? raw : resolved;
    }

    private static void readMicrodata(List<Element> elements, Metadata meta) {
        for (Element el : elements) {
            if (el.nameIs("time") && !el.hasAttr("datetime")) {
                continue;
            }
            String prop = el.attr("itemprop");
            String value = el.hasAttr("datetime") ? el.attr("datetime")
                    : el.hasAttr("content") ? el.attr("content") : el.text();
            if (prop.equals("dateModified")) {
                meta.modified = Metadata.firstNonBlank(meta.modified, value);
            } else if (prop.equals("datePublished") || el.nameIs("time") && !prop.equals("author")) {
                meta.published = Metadata.firstNonBlank(meta.published, value);
            } else if (meta.authors.isEmpty()) {
                Element name = el.selectFirst("[itemprop=name]");
                String author = name != null ? name.text() : value;
                if (!author.isBlank() && author.length() < 100) {
                    meta.authors.add(author.strip());
                }
            }
        }
    }
}
