package io.newsloom.api;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A place in the article stream: for every partition of the article topic, the offset of the last record delivered.
 * It is the SSE event id ({@code 0:41,1:17,3:8}), so a client reconnecting with {@code Last-Event-ID} resumes exactly
 * after what it saw: records of one partition are in offset order, and the vector covers every partition at once.
 */
public record StreamPosition(SortedMap<Integer, Long> offsets) {

    private static final Pattern FORMAT = Pattern.compile("\\d{1,9}:\\d{1,18}(,\\d{1,9}:\\d{1,18})*");

    public StreamPosition {
        offsets = Collections.unmodifiableSortedMap(new TreeMap<>(offsets));
    }

    /** Whether the record at this partition and offset comes after this position (a partition not named: yes). */
    public boolean precedes(int partition, long offset) {
        return offset > offsets.getOrDefault(partition, -1L);
    }

    public String encode() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
            s.append(s.length() == 0 ? "" : ",").append(e.getKey()).append(':').append(e.getValue());
        }
        return s.toString();
    }

    /**
     * Reads an event id made by {@link #encode()}.
     *
     * @throws ProblemException (400) for anything else
     */
    public static StreamPosition decode(String id) {
        if (id.length() > 4000 || !FORMAT.matcher(id).matches()) {
            throw ProblemException.badRequest("'Last-Event-ID' is not an event id of this stream");
        }
        TreeMap<Integer, Long> offsets = new TreeMap<>();
        for (String pair : id.split(",")) {
            int colon = pair.indexOf(':');
            offsets.put(Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
        }
        return new StreamPosition(offsets);
    }
}
