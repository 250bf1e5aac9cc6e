package io.newsloom.extractor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthorCleanerTest {

    @Test
    void englishBylines() {
        assertEquals(List.of("Jane Doe"), AuthorCleaner.clean(List.of("By Jane Doe")));
        assertEquals(List.of("Jane Doe", "John Roe"), AuthorCleaner.clean(List.of("By Jane Doe and John Roe")));
        assertEquals(List.of("Jane Doe"), AuthorCleaner.clean(List.of("Jane Doe, Senior Correspondent")));
        assertEquals(List.of("Jane Doe"), AuthorCleaner.clean(List.of("Jane Doe", "jane doe")));
    }

    @Test
    void chineseBylines() {
        assertEquals(List.of("王小明"), AuthorCleaner.clean(List.of("記者王小明")));
        assertEquals(List.of("李華"), AuthorCleaner.clean(List.of("作者:李華")));
        assertEquals(List.of("王小明"), AuthorCleaner.clean(List.of("記者 王小明 報導")));
    }

    @Test
    void urlsAndPlaceholdersAreNotNames() {
        assertEquals(List.of(), AuthorCleaner.clean(List.of("https://example.com/staff/jane", "admin")));
    }
}
