package io.newsloom.extractor;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The extraction engine's entry point. Thread-safe; never throws: a page that cannot be extracted gives
 * {@link Extraction#failed(String)} with the reason.
 *
 * <p>Pipeline: decode bytes ({@link PageDecoder}) → parse with a depth limit → read metadata
 * ({@link MetadataReader}) → clean ({@link DocumentCleaner}) → find the content ({@link ContentExtractor})
 * → render and filter text ({@link TextRenderer}, {@link BodyFilter}) → sanitise HTML ({@link HtmlSanitizer})
 * → classify ({@link PageClassifier}).
 */
public final class Extractor {

    /** Bodies beyond this are cut: no news article is near it, and it bounds time and memory per page. */
    static final int MAX_BODY_BYTES = 6 * 1024 * 1024;
    /**
     * Deeper elements are attached at this depth; bounds recursion on pathological nesting. The deepest page of the
     * benchmark corpus reaches 52; every walk that looks at ancestors costs in proportion to this.
     */
    static final int MAX_DEPTH = 100;
    /**
     * A page with more elements is refused, before parsing when its start tags can be counted in the bytes
     * ({@link TagCounter}) and after it otherwise: the corpus's largest has 1,597, and parsing and walking a document of
     * 100,000 elements cost a parser thread ~250 ms, which an attacker could repeat at will.
     */
    static final int MAX_ELEMENTS = 50_000;
    /**
     * Longer article text is refused: ten times the longest long read, and below what PostgreSQL indexes in one
     * tsvector. The store took ~30 s to index each 6 MB "article", holding every article behind it.
     */
    static final int MAX_TEXT_CHARS = 500_000;

    public Extraction extract(Page page) {
        try {
            return run(page);
        } catch (StackOverflowError e) {
            return Extraction.failed("page too deeply nested");
        } catch (OutOfMemoryError e) {
            return Extraction.failed("page too large");
        } catch (Exception | Error e) {
            // Whatever one page does, the caller (a consumer loop) must go on with the next.
            return Extraction.failed("extraction failed: " + e);
        }
    }

    private Extraction run(Page page) {
        byte[] body = page.body();
        if (body.length == 0) {
            return Extraction.failed("empty body");
        }
        if (body.length > MAX_BODY_BYTES) {
            body = Arrays.copyOf(body, MAX_BODY_BYTES);
        }
        if (looksBinary(body)) {
            return Extraction.failed("binary content, not HTML");
        }
        if (TagCounter.moreThan(body, MAX_ELEMENTS)) {
            return Extraction.failed("page too complex: more than " + MAX_ELEMENTS + " tags");
        }
        PageDecoder.Decoded decoded = PageDecoder.decode(body, page.headers());
        String url = page.url() == null ? "" : page.url();
        Parser parser = Parser.htmlParser().setMaxDepth(MAX_DEPTH);
        Document doc = decoded.text() != null ? parser.parseInput(decoded.text(), url)
                : parser.parseInput(new InputStreamReader(new ByteArrayInputStream(body, decoded.offset(),
                body.length - decoded.offset()), StandardCharsets.UTF_8), url);
        if (doc.body() == null || doc.body().childNodeSize() == 0 && doc.title().isBlank()) {
            return Extraction.failed("empty body");
        }
        int elements = doc.getAllElements().size();
        if (elements > MAX_ELEMENTS) {
            return Extraction.failed("page too complex: " + elements + " elements (at most " + MAX_ELEMENTS + ")");
        }

        // The parser has taken a <base href> into the document's base URI; links resolve against that.
        UrlResolver urls = new UrlResolver(doc.baseUri());
        // One walk over the whole document measures its text and collects the metadata sources.
        MetadataReader.Sources sources = new MetadataReader.Sources();
        TextStats stats = TextStats.measure(doc, sources);
        Metadata meta = MetadataReader.read(doc, sources, urls);
        String visibleDate = meta.published == null ? VisibleDate.nearHeadline(sources.h1) : null;
        DocumentCleaner.clean(doc, stats);
        TextStats.Counts pageCounts = stats.of(doc.body());

        String title = TitleCleaner.clean(meta.title, meta.headline, meta.siteName);
        ContentExtractor.Content content = ContentExtractor.find(doc.body(), stats, sources.h1);
        BodyFilter filter = new BodyFilter(stats, content.roots());
        List<Element> rejected = new ArrayList<>();
        List<String> lines = BodyFilter.keepArticleLines(
                TextRenderer.lines(content.roots(), filter::rejects, rejected), title);
        String text = String.join("\n", lines);
        if (text.length() > MAX_TEXT_CHARS) {
            return Extraction.failed("article text too long: " + text.length() + " characters (at most "
                    + MAX_TEXT_CHARS + ")");
        }

        String language = LanguageGuesser.guess(meta.declaredLanguage, page.headers().get("content-language"),
                text.isEmpty() ? doc.body().text() : text);
        ZoneOffset zone = likelyZone(language);
        LocalDate reference = page.fetchedAt() == null ? null : page.fetchedAt().toLocalDate();
        OffsetDateTime published = DateParser.parse(meta.published, zone, reference);
        if (published == null) {
            published = DateParser.parse(visibleDate, zone, reference);
        }
        OffsetDateTime modified = DateParser.parse(meta.modified, zone, reference);

        TextMeasure.Size size = TextMeasure.size(text);
        PageType type = PageClassifier.classify(meta, title, url, size.weightedChars(), pageCounts.linkDensity());

        // Markup roughly doubles the text; sizing the buffer once saves its repeated growth.
        String html = HtmlSanitizer.sanitize(content.roots(), rejected, urls, 2 * text.length() + 256);
        return new Extraction(type, title, text, html, AuthorCleaner.clean(meta.authors), published, modified,
                language, meta.description, meta.imageUrl, meta.canonicalUrl, meta.siteName,
                new ArrayList<>(meta.tags), size.words(), decoded.charset(), null);
    }

    /**
     * The zone of dates that state none. News sites print local time: Chinese pages +08:00 (China, Taiwan,
     * Hong Kong), Japanese and Korean +09:00; anything else is read as UTC rather than guessed further.
     */
    static ZoneOffset likelyZone(String language) {
        if (language == null) {
            return ZoneOffset.UTC;
        }
        if (language.startsWith("zh")) {
            return ZoneOffset.ofHours(8);
        }
        if (language.startsWith("ja") || language.startsWith("ko")) {
            return ZoneOffset.ofHours(9);
        }
        return ZoneOffset.UTC;
    }

    /** Control bytes other than whitespace in the first bytes mean an image, archive or other binary file. */
    private static boolean looksBinary(byte[] body) {
        int n = Math.min(body.length, 4096);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = body[i] & 0xff;
            if (b < 0x09 || b > 0x0d && b < 0x20 && b != 0x1b) {
                control++;
            }
        }
        boolean utf16 = n >= 2 && ((body[0] & 0xff) == 0xfe || (body[0] & 0xff) == 0xff);
        return !utf16 && control * 20 > n;
    }
}
