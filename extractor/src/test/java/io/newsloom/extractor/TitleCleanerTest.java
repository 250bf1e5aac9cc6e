package io.newsloom.extractor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TitleCleanerTest {

    @Test
    void headlineWinsOverDecoratedTitle() {
        assertEquals("45個國家先進制造集群名單公布",
                TitleCleaner.clean("45個國家先進制造集群名單公布_財經頻道_XX網", "45個國家先進制造集群名單公布", null));
    }

    @Test
    void chineseSuffixWithoutHeadline() {
        assertEquals("45個國家先進制造集群名單公布", TitleCleaner.clean("45個國家先進制造集群名單公布_財經頻道_XX網", null, null));
    }

    @Test
    void siteNameSuffixAndPrefix() {
        assertEquals("Markets rally on rate hopes", TitleCleaner.clean("Markets rally on rate hopes | Paper", null, "Paper"));
        assertEquals("Markets rally on rate hopes",
                TitleCleaner.clean("Markets rally on rate hopes - The Daily Paper", null, "The Daily Paper"));
        assertEquals("Markets rally on rate hopes", TitleCleaner.clean("Paper | Markets rally on rate hopes", null, "Paper"));
    }

    @Test
    void shortSuffixWithoutSiteName() {
        assertEquals("Markets rally on rate hopes", TitleCleaner.clean("Markets rally on rate hopes | Paper", null, null));
    }

    @Test
    void hyphenInsideTheHeadlineStays() {
        assertEquals("Covid-19 cases fall", TitleCleaner.clean("Covid-19 cases fall", null, null));
    }

    @Test
    void headlineOnly() {
        assertEquals("Only a headline", TitleCleaner.clean(null, "Only  a headline", null));
    }
}
