package io.newsloom.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One line of the load site's access log: {@code <epoch micros> <host> <path> <status> <bytes>}. */
record AccessLogEntry(long micros, String host, String path, int status, long bytes) {

    static AccessLogEntry parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 5) {
            throw new IllegalArgumentException("not an access log line: " + line);
        }
        return new AccessLogEntry(Long.parseLong(f[0]), f[1], f[2], Integer.parseInt(f[3]), Long.parseLong(f[4]));
    }

    boolean isPage() {
        return path.startsWith("/news/");
    }

    /** Gaps between two consecutive requests to one host, in milliseconds, over all hosts. */
    static double[] hostGapsMillis(Collection<AccessLogEntry> entries) {
        Map<String, List<Long>> byHost = new HashMap<>();
        for (AccessLogEntry e : entries) {
            byHost.computeIfAbsent(e.host(), h -> new ArrayList<>()).add(e.micros());
        }
        List<Double> gaps = new ArrayList<>();
        for (List<Long> times : byHost.values()) {
            times.sort(null);
            for (int i = 1; i < times.size(); i++) {
                gaps.add((times.get(i) - times.get(i - 1)) / 1000.0);
            }
        }
        return gaps.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
