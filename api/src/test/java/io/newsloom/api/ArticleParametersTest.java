package io.newsloom.api;

import io.newsloom.events.ArticleEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of the api: parameter parsing, cursors, stream positions, the feed, the key check, snippets. */
class ArticleParametersTest {

    @Test
    void parametersAreCheckedAndNormalised() {
        ArticleFilter f = ArticleFilter.parse(" 地铁 ", "zh_Hant", "Example.COM", "2024-03-14",
                "2024-03-15T08:00:00+08:00", null, null, null);
        assertEquals("地铁", f.q());
        assertEquals("zh-hant", f.lang());
        assertEquals("example.com", f.site());
        assertEquals(OffsetDateTime.parse("2024-03-14T00:00:00Z"), f.since());
        assertEquals(ArticleFilter.Duplicates.EXCLUDE, f.duplicates());
        assertEquals(20, f.limit());
        assertNull(f.cursor());
        assertEquals(ArticleFilter.Duplicates.ONLY,
                ArticleFilter.parse(null, null, null, null, null, "Only", "100", null).duplicates());
        for (String limit : List.of("0", "101", "1000", "x", "1.5")) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> ArticleFilter.parse(null, null, null, null, null, null, limit, null));
            assertEquals(400, e.problem().status());
        }
        for (String lang : List.of("e", "english-language-x", "zh--Hant", "123")) {
            assertThrows(ProblemException.class,
                    () -> ArticleFilter.parse(null, lang, null, null, null, null, null, null), lang);
        }
        assertThrows(ProblemException.class,
                () -> ArticleFilter.parse(null, null, null, "2024-03-14T09:30", null, null, null, null));
        // dates Java reads but PostgreSQL cannot hold are refused, not passed on
        for (String far : List.of("+294277-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-0001-12-31T00:00:00Z")) {
            assertThrows(ProblemException.class,
                    () -> ArticleFilter.parse(null, null, null, far, far, null, null, null), far);
        }
        assertEquals(OffsetDateTime.parse("9999-12-31T00:00:00Z"),
                ArticleFilter.parse(null, null, null, null, "9999-12-31", null, null, null).until());
    }

    @Test
    void aNulCharacterAnywhereInThePathOrQueryIsFound() {
        assertTrue(NulCharacterFilter.holdsNul("/api/v1/articles/a\u0000b", List.of()));
        assertTrue(NulCharacterFilter.holdsNul("/api/v1/articles", List.of(List.of("x"), List.of("ok", "\u0000"))));
        assertFalse(NulCharacterFilter.holdsNul("/api/v1/articles", List.of(List.of("地铁", "%00"))));
    }

    @Test
    void aCursorRoundTripsExactlyAndOnlyForItsOwnFilters() {
        ArticleFilter f = ArticleFilter.parse("dams", "en", null, null, null, null, "5", null);
        Cursor c = new Cursor(f.fingerprint(), 12345, 1);
        ArticleFilter next = ArticleFilter.parse("dams", "en", null, null, null, null, "5", c.encode());
        assertEquals(c, next.cursor());
        assertTrue(c.encode().matches("[A-Za-z0-9_-]+"), "URL-safe: " + c.encode());
        ProblemException other = assertThrows(ProblemException.class,
                () -> ArticleFilter.parse("rivers", "en", null, null, null, null, "5", c.encode()));
        assertTrue(other.getMessage().contains("other filters"));
        // the page size may change between pages
        assertEquals(c, ArticleFilter.parse("dams", "en", null, null, null, null, "50", c.encode()).cursor());
        // version 1 (it held a search rank), a tier that is none, a sequence that is no number
        for (String plain : List.of("%%%", "v1:", "v1:" + f.fingerprint() + ":5:0", "v2:" + f.fingerprint() + ":5:2",
                "v2:" + f.fingerprint() + ":x:0")) {
            String bad = Base64.getUrlEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
            ProblemException e = assertThrows(ProblemException.class, () -> Cursor.decode(bad, f.fingerprint()), plain);
            assertTrue(e.getMessage().contains("not a cursor"), plain);
        }
    }

    @Test
    void streamPositionsRoundTripAndTellWhatComesAfter() {
        TreeMap<Integer, Long> offsets = new TreeMap<>();
        offsets.put(3, 8L);
        offsets.put(0, 41L);
        StreamPosition p = new StreamPosition(offsets);
        assertEquals("0:41,3:8", p.encode());
        assertEquals(p, StreamPosition.decode("0:41,3:8"));
        assertFalse(p.precedes(0, 41));
        assertTrue(p.precedes(0, 42));
        assertTrue(p.precedes(1, 0), "a partition it does not name");
        for (String bad : List.of("", "x", "0:", "0:1,", "-1:4", "0:1;1:2")) {
            assertThrows(ProblemException.class, () -> StreamPosition.decode(bad), bad);
        }
    }

    @Test
    void theFeedReplaysWhatFollowsAPositionThenGoesLiveAndSkipsUnchangedContent() {
        ArticleFeed feed = new ArticleFeed(3);
        List<ArticleFeed.Event> early = new java.util.ArrayList<>();
        feed.subscribe(null, e -> early.add(e));
        feed.append(0, 0, article("a", "h1"));
        feed.append(1, 0, article("b", "h1"));
        feed.append(0, 1, article("a", "h1"));   // same content again: not announced
        feed.append(0, 0, article("z", "h1"));   // an offset read before (a rebalance): ignored
        feed.append(0, 2, article("a", "h2"));   // updated
        assertEquals(List.of("a", "b", "a"), early.stream().map(e -> e.article().id()).toList());
        assertEquals("0:2,1:0", early.get(2).position().encode());

        List<String> resumed = new java.util.ArrayList<>();
        feed.subscribe(early.get(0).position(), e -> resumed.add(e.article().id() + "@" + e.offset()));
        feed.append(1, 1, article("c", "h1"));
        assertEquals(List.of("b@0", "a@2", "c@1"), resumed);

        // a client that is gone is dropped
        feed.subscribe(null, e -> false);
        assertEquals(3, feed.listeners());
        feed.append(1, 2, article("d", "h1"));
        assertEquals(2, feed.listeners());

        // the buffer holds a@2 (h2), c and d now: content that left it is announced again, content in it is not
        List<String> later = new java.util.ArrayList<>();
        feed.subscribe(null, e -> later.add(e.article().id() + "@" + e.offset()));
        feed.append(0, 3, article("a", "h2"));
        feed.append(1, 3, article("b", "h1"));
        feed.append(0, 4, article("a", "h1"));
        assertEquals(List.of("b@3", "a@4"), later);
    }

    @Test
    void writesNeedTheKeyWhenOneIsSet() {
        ApiKeyCheck open = new ApiKeyCheck(Optional.empty());
        assertTrue(open.allows("POST", null));
        assertTrue(new ApiKeyCheck(Optional.of(" ")).allows("DELETE", null));
        ApiKeyCheck guarded = new ApiKeyCheck(Optional.of("s3cret"));
        assertTrue(guarded.allows("GET", null));
        assertTrue(guarded.allows("HEAD", "wrong"));
        assertTrue(guarded.allows("POST", "s3cret"));
        assertFalse(guarded.allows("POST", null));
        assertFalse(guarded.allows("PUT", "s3cre"));
        assertFalse(guarded.allows("DELETE", "s3cret "));
        assertFalse(guarded.allows("PATCH", ""));
    }

    @Test
    void snippetsAreOneLineCutNearTheLengthAtAWordBoundary() {
        assertEquals("one two", ArticleSummary.snippet("one\ntwo"));
        String words = "word ".repeat(100);
        String cut = ArticleSummary.snippet(words);
        assertTrue(cut.endsWith("word…") && cut.length() <= ArticleSummary.SNIPPET_LENGTH + 1, cut);
        String chinese = "中".repeat(400);
        assertEquals("中".repeat(ArticleSummary.SNIPPET_LENGTH) + "…", ArticleSummary.snippet(chinese));
        assertNull(ArticleSummary.snippet(null));
        assertNotEquals(words, cut);
    }

    static ArticleEvent article(String id, String hash) {
        return new ArticleEvent(id, "u", "u", null, "t", null, null, null, null, null, null, "text", null, null, null,
                1, hash, null, null);
    }
}
