package io.newsloom.api;

import io.newsloom.events.ArticleEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live article stream: records of the article topic in the order they were read, the last
 * {@code newsloom.api.stream-replay} of them kept for clients that reconnect with {@code Last-Event-ID}, and the
 * clients listening now. A record whose article has the same content as one still in the buffer (a redelivery, or a
 * page fetched again unchanged) is neither new nor updated, and is not announced.
 */
@ApplicationScoped
public class ArticleFeed {

    /** One announced article and the stream position just after it (its event id). */
    public record Event(int partition, long offset, StreamPosition position, ArticleSummary article) {
    }

    /** A client of the stream. */
    public interface Listener {
        /** Hands over one event without blocking; false when the client is gone and should be dropped. */
        boolean deliver(Event event);
    }

    private final int capacity;
    private final TreeMap<Integer, Long> last = new TreeMap<>();
    private final Deque<Event> buffer = new ArrayDeque<>();
    private final List<Listener> listeners = new ArrayList<>();
    /** How many buffered events carry each article id and content: a look-up instead of a walk of the buffer. */
    private final Map<Content, Integer> buffered = new HashMap<>();

    private record Content(String articleId, String contentHash) {
        static Content of(ArticleSummary article) {
            return new Content(article.id(), article.contentHash());
        }
    }

    @Inject
    public ArticleFeed(ApiConfig config) {
        this(config.streamReplay());
    }

    ArticleFeed(int capacity) {
        this.capacity = capacity;
    }

    /** Takes the record at this partition and offset; records seen before (after a rebalance) are ignored. */
    public synchronized void append(int partition, long offset, ArticleEvent article) {
        if (offset <= last.getOrDefault(partition, -1L)) {
            return;
        }
        last.put(partition, offset);
        if (buffered.containsKey(new Content(article.id(), article.contentHash()))) {
            return;
        }
        Event event = new Event(partition, offset, new StreamPosition(last), ArticleSummary.of(article));
        buffer.addLast(event);
        buffered.merge(Content.of(event.article()), 1, Integer::sum);
        if (buffer.size() > capacity) {
            Content dropped = Content.of(buffer.removeFirst().article());
            buffered.computeIfPresent(dropped, (k, n) -> n == 1 ? null : n - 1);
        }
        listeners.removeIf(listener -> !listener.deliver(event));
    }

    /**
     * Adds a client. With a position, it first gets the buffered events after it; either way, then every new one.
     * Both happen under the lock {@link #append} takes, so nothing falls between replay and live.
     */
    public synchronized void subscribe(StreamPosition after, Listener listener) {
        if (after != null) {
            for (Event e : buffer) {
                if (after.precedes(e.partition(), e.offset()) && !listener.deliver(e)) {
                    return;
                }
            }
        }
        listeners.add(listener);
    }

    synchronized int listeners() {
        return listeners.size();
    }
}
