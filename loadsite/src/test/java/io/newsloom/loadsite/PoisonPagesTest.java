package io.newsloom.loadsite;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoisonPagesTest {

    private final PoisonPages pages = new PoisonPages(CorpusPages.of(List.of(PoisonPages.article(0))), 1000);

    @Test
    void aThousandPagesSpreadOverEveryKindWithFewOfTheExpensiveOnes() {
        Map<PoisonPages.Kind, Integer> counts = PoisonPages.counts(1000);
        assertEquals(1000, counts.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(10, counts.get(PoisonPages.Kind.HUGE));
        assertEquals(3, counts.get(PoisonPages.Kind.TRICKLE));
        assertTrue(counts.values().stream().allMatch(n -> n >= 3), counts.toString());
        assertThrows(IllegalArgumentException.class, () -> PoisonPages.counts(20));
    }

    @Test
    void thePagesAreWhatTheirKindPromises() throws Exception {
        assertEquals(PoisonPages.HUGE_BYTES, pages.body(PoisonPages.Kind.HUGE, 1).length);
        String deep = new String(pages.body(PoisonPages.Kind.DEEP_NESTING, 2), StandardCharsets.UTF_8);
        assertEquals(PoisonPages.NESTING, deep.split("<div>", -1).length - 1);
        assertEquals(0, pages.body(PoisonPages.Kind.EMPTY, 0).length);
        byte[] bomb = pages.body(PoisonPages.Kind.GZIP_BOMB, 0);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bomb))) {
            long inflated = in.transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(inflated > PoisonPages.BOMB_INFLATED_BYTES && inflated / bomb.length > 500,
                    inflated + " from " + bomb.length);
        }
        byte[] invalid = pages.body(PoisonPages.Kind.INVALID_UTF8, 3);
        assertTrue(new String(invalid, StandardCharsets.UTF_8).contains("\uFFFD"), "not valid UTF-8");
        assertTrue(PoisonPages.contentType(PoisonPages.Kind.LYING_CHARSET, 0).contains("utf-16"));
        byte[] page = PoisonPages.article(7).getBytes(StandardCharsets.UTF_8);
        assertTrue(pages.body(PoisonPages.Kind.TRUNCATED, 7).length < page.length + 1);
    }

    @Test
    void redirectsLoopOrNeverEnd() {
        assertEquals("/poison/5.html?loop", PoisonSite.nextHop(PoisonPages.Kind.REDIRECT_LOOP, "/poison/5.html", null));
        assertEquals("/poison/5.html", PoisonSite.nextHop(PoisonPages.Kind.REDIRECT_LOOP, "/poison/5.html", "loop"));
        assertEquals("/poison/5.html?hop=1", PoisonSite.nextHop(PoisonPages.Kind.ENDLESS_REDIRECT, "/poison/5.html",
                null));
        assertEquals("/poison/5.html?hop=8", PoisonSite.nextHop(PoisonPages.Kind.ENDLESS_REDIRECT, "/poison/5.html",
                "hop=7"));
    }
}
