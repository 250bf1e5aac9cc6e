package io.newsloom.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL text search query ({@code tsquery}, as text) of a search text, as the store's function
 * {@code search_query} computes it, for the most recently used search texts. A search passes its tsquery to
 * PostgreSQL as a constant instead of calling {@code search_query}: the planner evaluates an immutable SQL function
 * with constant arguments while planning (to estimate how common the words are), and does that again for every
 * search and in each of the two tiers of {@link ListQuery}, which cost more than the rest of the planning. The
 * function depends on the text alone, so a remembered result stays right until the store's migrations change it
 * (then restart the api).
 */
final class SearchQueryMemo {

    private final Map<String, String> recent;

    SearchQueryMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The remembered tsquery of {@code q}, or null. */
    synchronized String get(String q) {
        return recent.get(q);
    }

    synchronized void put(String q, String tsquery) {
        recent.put(q, tsquery);
    }

    synchronized int size() {
        return recent.size();
    }
}
