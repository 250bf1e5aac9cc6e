package io.newsloom.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventContractTest {

    static final OffsetDateTime T = OffsetDateTime.of(2022, 11, 30, 10, 21, 0, 0, ZoneOffset.ofHours(8));

    static final CrawlRequest REQUEST = new CrawlRequest("r-1", "https://Example.COM/a?b=1", CrawlKind.PAGE, T,
            Map.of("title", "A"));
    static final FetchedPage PAGE = new FetchedPage("r-1", "https://example.com/a", "https://example.com/b", 200,
            "text/html; charset=big5", Map.of("content-type", "text/html; charset=big5"),
            new byte[]{(byte) 0xa4, (byte) 0xa4, 0, 1}, false, T, Map.of());
    static final ArticleEvent ARTICLE = new ArticleEvent(ArticleIds.fromUrl("https://example.com/b"),
            "https://example.com/a", "https://example.com/b", "example.com", "Title", List.of("Ann"), T, null, T, "en",
            null, "First.\nSecond.", "<p>First.</p><p>Second.</p>", null, List.of(), 2,
            ArticleIds.sha256Hex("Title\nFirst.\nSecond."), null, null);

    static final SourceCommand REGISTER = SourceCommand.register("https://example.com/feed.xml", CrawlKind.FEED,
            "PT15M", T);

    @Test
    void everyEventMatchesItsSchemaAndRoundTrips() {
        assertValid("source-command", REGISTER);
        assertValid("source-command", SourceCommand.remove(REGISTER.id(), T));
        assertEquals(REGISTER, EventJson.read(EventJson.write(REGISTER), SourceCommand.class));
        assertEquals(ArticleIds.fromUrl("https://EXAMPLE.com/feed.xml"), REGISTER.key());
        assertValid("crawl-request", REQUEST);
        assertValid("fetched-page", PAGE);
        assertValid("article", ARTICLE);
        assertValid("article", ARTICLE.stored(3, "0123456789abcdef"));

        assertEquals(REQUEST, EventJson.read(EventJson.write(REQUEST), CrawlRequest.class));
        assertEquals(ARTICLE, EventJson.read(EventJson.write(ARTICLE), ArticleEvent.class));
        FetchedPage back = EventJson.read(EventJson.write(PAGE), FetchedPage.class);
        assertArrayEquals(PAGE.body(), back.body());
        assertEquals(PAGE.finalUrl(), back.finalUrl());
    }

    @Test
    void aPageRecordIsItsJsonThenItsBodyAndTheFormerAllJsonRecordsAreStillRead() {
        byte[] value = PAGE.toRecordValue();
        int nul = new String(value, StandardCharsets.ISO_8859_1).indexOf('\0');
        FetchedPage head = EventJson.read(Arrays.copyOf(value, nul), FetchedPage.class);
        assertEquals(0, head.body().length, "the JSON part has an empty body");
        assertEquals(PAGE.finalUrl(), head.finalUrl());
        assertArrayEquals(PAGE.body(), Arrays.copyOfRange(value, nul + 1, value.length), "the body follows as is");

        for (byte[] record : List.of(value, EventJson.writeBytes(PAGE))) {
            FetchedPage back = FetchedPage.fromRecordValue(record);
            assertArrayEquals(PAGE.body(), back.body());
            assertEquals(List.of(PAGE.requestId(), PAGE.url(), PAGE.finalUrl(), PAGE.status(), PAGE.contentType(),
                            PAGE.headers(), PAGE.truncated(), PAGE.fetchedAt(), PAGE.hints()),
                    List.of(back.requestId(), back.url(), back.finalUrl(), back.status(), back.contentType(),
                            back.headers(), back.truncated(), back.fetchedAt(), back.hints()));
        }
        FetchedPage empty = new FetchedPage("r-2", "https://example.com/e", "https://example.com/e", 204, null,
                Map.of(), new byte[0], false, T, Map.of());
        assertEquals(0, FetchedPage.fromRecordValue(empty.toRecordValue()).body().length);

        byte[] cut = Arrays.copyOf(value, nul / 2);
        cut[cut.length - 1] = 0;
        var e = assertThrows(EventJson.InvalidEventException.class, () -> FetchedPage.fromRecordValue(cut));
        assertTrue(e.getMessage().startsWith("not a valid FetchedPage"), e.getMessage());
        assertThrows(EventJson.InvalidEventException.class, () -> FetchedPage.fromRecordValue(new byte[]{0, 1}));
        assertThrows(EventJson.InvalidEventException.class, () -> FetchedPage.fromRecordValue(new byte[0]));
    }

    @Test
    void schemasListEveryRecordComponentAsRequired() throws Exception {
        assertEquals(components(CrawlRequest.class), required("crawl-request"));
        assertEquals(components(ArticleEvent.class), required("article"));
        assertEquals(components(SourceCommand.class), required("source-command"));
        Set<String> page = components(FetchedPage.class);
        page.remove("contentType");   // nullable and optional on the wire
        assertEquals(page, required("fetched-page"));
    }

    @Test
    void datesAreIso8601WithOffsetAndNullsAreWritten() {
        String json = EventJson.write(ARTICLE);
        assertTrue(json.contains("\"publishedAt\":\"2022-11-30T10:21:00+08:00\""), json);
        assertTrue(json.contains("\"modifiedAt\":null"), json);
        assertTrue(json.contains("\"tags\":[]"), json);
        assertTrue(EventJson.write(REQUEST).contains("\"kind\":\"page\""), EventJson.write(REQUEST));
    }

    @Test
    void badPayloadsGiveReadableReasons() {
        var e = assertThrows(EventJson.InvalidEventException.class, () -> EventJson.read("{nope", ArticleEvent.class));
        assertTrue(e.getMessage().startsWith("not a valid ArticleEvent"), e.getMessage());
        assertThrows(EventJson.InvalidEventException.class, () -> EventJson.read("", ArticleEvent.class));
        var kind = assertThrows(EventJson.InvalidEventException.class,
                () -> EventJson.read("{\"url\":\"http://a/\",\"kind\":\"video\"}", CrawlRequest.class));
        assertTrue(kind.getMessage().contains("video"), kind.getMessage());
    }

    @Test
    void keysAndIds() {
        assertEquals("example.com", REQUEST.key());
        assertEquals("example.com", PAGE.key());
        assertEquals("", CrawlRequest.hostKey("not a url"));
        assertEquals(ArticleIds.fromUrl("HTTPS://Example.com:443/b#top"), ArticleIds.fromUrl("https://example.com/b"));
        assertEquals(ArticleIds.fromUrl("http://example.com"), ArticleIds.fromUrl("http://example.com/"));
        assertFalse(ArticleIds.fromUrl("https://example.com/b?x=1").equals(ArticleIds.fromUrl("https://example.com/b")));
        assertTrue(ArticleIds.fromUrl("https://example.com/b").matches("[0-9a-f]{16}"));
    }

    private static void assertValid(String schemaName, Object event) {
        JsonNode node = EventJson.mapper().valueToTree(event);
        Set<ValidationMessage> errors = schema(schemaName).validate(node);
        assertTrue(errors.isEmpty(), schemaName + ": " + errors + " in " + node);
    }

    private static JsonSchema schema(String name) {
        InputStream in = EventContractTest.class.getResourceAsStream("/schemas/" + name + ".schema.json");
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }

    private static Set<String> required(String name) throws Exception {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            JsonNode root = EventJson.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> out = new TreeSet<>();
            root.get("required").forEach(n -> out.add(n.asText()));
            return out;
        }
    }

    private static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
