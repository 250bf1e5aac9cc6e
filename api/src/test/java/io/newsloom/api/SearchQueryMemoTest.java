package io.newsloom.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SearchQueryMemoTest {

    @Test
    void remembersTheMostRecentlyUsedSearches() {
        SearchQueryMemo memo = new SearchQueryMemo(2);
        memo.put("market", "'market'");
        memo.put("地铁", "'地铁'");
        assertEquals("'market'", memo.get("market"));   // now the most recently used
        memo.put("river", "'river'");
        assertEquals("'market'", memo.get("market"));
        assertNull(memo.get("地铁"));
        assertEquals("'river'", memo.get("river"));
        assertEquals(2, memo.size());
    }

    @Test
    void theSearchTextIsTheKeyAsWritten() {
        SearchQueryMemo memo = new SearchQueryMemo(10);
        memo.put("Market", "'market'");
        assertNull(memo.get("market"));
    }
}
