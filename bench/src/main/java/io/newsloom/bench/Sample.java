package io.newsloom.bench;

import java.util.Map;

/**
 * The stack at one instant: cumulative counts per stage, consumer lag per stage, the frontier's backlog and every
 * process's CPU and memory. {@code t} is seconds since the benchmark started.
 */
record Sample(double t, String phase, long fetched, long parsed, long articles, long stored, long visible,
              long fetchLag, long frontier, long parseLag, long storeLag, Map<String, ProcStats.Usage> procs) {

    long stackRssKb() {
        return procs.entrySet().stream().filter(e -> !e.getKey().equals(StackProbe.LOADSITE))
                .mapToLong(e -> e.getValue().rssKb()).sum();
    }
}
