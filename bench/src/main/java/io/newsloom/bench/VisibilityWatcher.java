package io.newsloom.bench;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Detects when articles become visible through the API without a lookup per pending URL: every {@code every} ms it
 * reads the newest-first list, following the cursor until it reaches an article it has seen, and notes the time each
 * request URL first appears. Its resolution is the poll period plus one list request.
 */
final class VisibilityWatcher implements AutoCloseable {

    private static final int MAX_PAGES_PER_POLL = 50;
    // a poll usually finds a few new articles: a short first page keeps the watcher's own load on the api and
    // PostgreSQL small; when all of it is new, the next pages are long
    private static final int FIRST_PAGE = 20;
    private static final int NEXT_PAGES = 100;

    private final ApiClient api;
    private final long every;
    private final Set<String> seenIds = new HashSet<>();
    private final Map<String, Long> firstSeenMillis = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long polls;
    private volatile long errors;

    VisibilityWatcher(ApiClient api, long everyMillis) {
        this.api = api;
        this.every = everyMillis;
        this.thread = new Thread(this::run, "visibility-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long started = System.currentTimeMillis();
            try {
                poll();
                polls++;
            } catch (Exception e) {
                errors++;
            }
            long rest = every - (System.currentTimeMillis() - started);
            if (rest > 0) {
                try {
                    Thread.sleep(rest);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void poll() throws Exception {
        String cursor = null;
        for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
            ApiClient.Listing listing = api.newest(cursor, page == 0 ? FIRST_PAGE : NEXT_PAGES);
            long now = System.currentTimeMillis();
            boolean reachedSeen = false;
            for (Map.Entry<String, String> item : listing.items()) {
                if (!seenIds.add(item.getKey())) {
                    reachedSeen = true;
                    continue;
                }
                firstSeenMillis.putIfAbsent(item.getValue(), now);
            }
            if (reachedSeen || listing.nextCursor() == null) {
                return;
            }
            cursor = listing.nextCursor();
        }
    }

    long visible() {
        return firstSeenMillis.size();
    }

    Long firstSeen(String url) {
        return firstSeenMillis.get(url);
    }

    long polls() {
        return polls;
    }

    long errors() {
        return errors;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
