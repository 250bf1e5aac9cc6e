package io.newsloom.extractor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkerSetTest {

    private final MarkerSet markers = new MarkerSet("share", "sharing", "nav", "相关");

    @Test
    void findsAMarkerAnywhereInAName() {
        assertTrue(markers.occursIn("c-share-bar"));
        assertTrue(markers.occursIn("topnav"));
        assertTrue(markers.occursIn("box 相关新闻"));
        assertFalse(markers.occursIn("article-body"));
        assertFalse(markers.occursIn("shar"));
        assertFalse(markers.occursIn(""));
    }

    @Test
    void matchesAWholeRegionOnly() {
        assertTrue(markers.isRegion("main nav", 5, 8));
        assertFalse(markers.isRegion("main navbar", 5, 11));
        assertFalse(markers.isRegion("main navbar", 5, 7));
        assertFalse(markers.isRegion("nav", 1, 1));
    }
}
