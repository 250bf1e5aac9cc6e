package io.newsloom.extractor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page the project started from: a mirror-site story with injected spam tags and a related list. */
class SeedFixtureTest {

    static Extraction result;

    @BeforeAll
    static void extract() {
        result = new Extractor().extract(Fixtures.page("http://mirror.example.com/finance/2022/1201/45.html",
                Fixtures.bytes("seed-mirror.html")));
    }

    @Test
    void textIsExactlyTheEightStoryParagraphs() {
        String expected = Fixtures.text("seed-mirror.expected.txt").strip();
        assertEquals(8, expected.split("\n").length);
        assertEquals(expected, result.text());
    }

    @Test
    void noSpamRelatedListOrFurniture() {
        String text = result.text();
        assertFalse(text.contains("相關文章"));
        assertFalse(text.contains("鋼鐵行業規範條件"));
        assertFalse(text.contains("新材料中試平臺建設指南"));
        assertFalse(text.contains("1v3多肉多车高校生活的玩视频"));
        assertFalse(text.contains("omoqo"));
        assertFalse(text.contains("首頁"));
        assertFalse(text.contains("版權所有"));
        assertFalse(result.html().contains("omoqo"));
        assertFalse(result.html().contains("<script"));
    }

    @Test
    void metadata() {
        assertEquals(PageType.ARTICLE, result.pageType());
        assertTrue(result.isArticle());
        assertEquals("45個國家先進制造集群名單公布", result.title());
        assertEquals("zh-Hant", result.language());
        assertEquals("UTF-8", result.charset());
        // "2022-12-01 08:30" printed under the headline, no zone: a Chinese page's time is +08:00.
        assertEquals(OffsetDateTime.parse("2022-12-01T08:30+08:00"), result.publishedAt());
        assertNotNull(result.description());
        assertTrue(result.tags().contains("工信部"));
        assertTrue(result.wordCount() > 800);
    }
}
