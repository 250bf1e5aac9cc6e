package io.newsloom.extractor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed set of marker strings filed by their first character, so that one scan of a name finds whether any
 * marker occurs in it: at each position only the few markers starting with that character are compared, where
 * a search per marker would scan the name once for each of them. Class names and ids are short and checked for
 * thousands of elements per page, against dozens of markers.
 */
final class MarkerSet {

    private static final String[] NONE = {};

    /** Markers by first character: ASCII ones by index, the others (CJK markers) in a map. */
    private final String[][] ascii = new String[128][];
    private final Map<Character, String[]> other = new HashMap<>();

    MarkerSet(String... markers) {
        Map<Character, List<String>> byFirst = new HashMap<>();
        for (String marker : markers) {
            if (!marker.isEmpty()) {
                byFirst.computeIfAbsent(marker.charAt(0), c -> new ArrayList<>()).add(marker);
            }
        }
        Arrays.fill(ascii, NONE);
        byFirst.forEach((first, list) -> {
            String[] filed = list.stream().distinct().toArray(String[]::new);
            if (first < 128) {
                ascii[first] = filed;
            } else {
                other.put(first, filed);
            }
        });
    }

    /** True when some marker occurs anywhere in the name. */
    boolean occursIn(String name) {
        for (int i = 0, n = name.length(); i < n; i++) {
            for (String marker : startingWith(name.charAt(i))) {
                if (name.startsWith(marker, i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the part of the name from {@code start} to {@code end} is a marker (no substring is built). */
    boolean isRegion(String name, int start, int end) {
        if (start >= end) {
            return false;
        }
        int length = end - start;
        for (String marker : startingWith(name.charAt(start))) {
            if (marker.length() == length && name.startsWith(marker, start)) {
                return true;
            }
        }
        return false;
    }

    private String[] startingWith(char c) {
        return c < 128 ? ascii[c] : other.getOrDefault(c, NONE);
    }
}
