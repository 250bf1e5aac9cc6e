package io.newsloom.fetcher;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The frontier in PostgreSQL (schema {@code fetcher}): every URL the fetcher knows with its state and due time, and
 * every host with the earliest time it may be asked again. A host is leased to one fetch at a time, which gives
 * "one request in flight per host" across restarts and instances.
 */
@ApplicationScoped
public class Frontier {

    /** A URL to fetch, as it enters the frontier. {@code explicit}: asked for directly, so due now whatever it was. */
    public record Entry(String url, String host, String requestUrl, String requestId, CrawlKind kind,
                        Map<String, String> hints, String sourceId, boolean explicit) {
    }

    /** A claimed URL: its host is leased until the task is finished or released. */
    public record Task(String url, String host, String requestUrl, String requestId, CrawlKind kind,
                       Map<String, String> hints, String sourceId, int attempts, String etag, String lastModified) {
    }

    private static final String INSERT_HOST = "INSERT INTO host (host) VALUES (?) ON CONFLICT (host) DO NOTHING";
    // due_at from the clock, not the transaction's start: URLs queued in one transaction keep their order
    private static final String UPSERT_URL = """
            INSERT INTO url (url, host, request_url, request_id, kind, hints, source_id, state, due_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, 'queued', clock_timestamp())
            ON CONFLICT (url) DO UPDATE SET request_url = EXCLUDED.request_url,
                request_id = EXCLUDED.request_id, kind = EXCLUDED.kind, hints = EXCLUDED.hints,
                source_id = COALESCE(EXCLUDED.source_id, url.source_id), state = 'queued',
                due_at = clock_timestamp(), attempts = 0, updated_at = now()
            WHERE url.state IN ('done', 'failed') AND (? OR url.due_at <= now())""";

    private final DataSource dataSource;

    @Inject
    public Frontier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Puts a URL in the queue unless it is already queued or in flight, or (for a discovered URL) was fetched and is
     * not due yet.
     *
     * @return true when the URL was queued
     */
    public boolean enqueue(Entry e) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement host = c.prepareStatement(INSERT_HOST);
                 PreparedStatement url = c.prepareStatement(UPSERT_URL)) {
                bind(host, url, e);
                host.executeUpdate();
                boolean queued = url.executeUpdate() == 1;
                c.commit();
                return queued;
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
    }

    /**
     * Puts the URLs in the queue, as {@link #enqueue} does one by one and in the same order, in one transaction
     * (committed when this returns) and one round trip to PostgreSQL. An entry the database refuses (a value it
     * cannot hold) is rolled back on its own, to a savepoint, and its reason returned at its index (null: accepted);
     * any other failure rolls back everything and is thrown.
     */
    public List<String> enqueueAll(List<Entry> entries) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement host = c.prepareStatement(INSERT_HOST);
                 PreparedStatement url = c.prepareStatement(UPSERT_URL)) {
                List<String> refusals = new ArrayList<>(Collections.nCopies(entries.size(), (String) null));
                Savepoint whole = c.setSavepoint();
                try {
                    for (Entry e : entries) {
                        bind(host, url, e);
                        host.addBatch();
                        url.addBatch();
                    }
                    // the driver pipelines a batch: one round trip for all hosts, one for all URLs
                    host.executeBatch();
                    url.executeBatch();
                    c.releaseSavepoint(whole);
                } catch (SQLException ex) {
                    if (!refusal(ex)) {
                        throw ex;
                    }
                    // one entry spoilt the batch: find it, entry by entry
                    c.rollback(whole);
                    host.clearBatch();
                    url.clearBatch();
                    for (int i = 0; i < entries.size(); i++) {
                        Savepoint one = c.setSavepoint();
                        try {
                            bind(host, url, entries.get(i));
                            host.executeUpdate();
                            url.executeUpdate();
                            c.releaseSavepoint(one);
                        } catch (SQLException single) {
                            if (!refusal(single)) {
                                throw single;
                            }
                            c.rollback(one);
                            refusals.set(i, single.getMessage());
                        }
                    }
                }
                c.commit();
                return refusals;
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
    }

    /** A data or constraint error (SQLSTATE classes 22, 23): the entry is at fault, not the database. */
    private static boolean refusal(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static void bind(PreparedStatement host, PreparedStatement url, Entry e) throws SQLException {
        host.setString(1, e.host());
        url.setString(1, e.url());
        url.setString(2, e.host());
        url.setString(3, e.requestUrl());
        url.setString(4, e.requestId());
        url.setString(5, e.kind().json());
        url.setString(6, EventJson.write(e.hints()));
        url.setString(7, e.sourceId());
        url.setBoolean(8, e.explicit());
    }

    // the hosts leased and their most overdue URLs taken in one statement
    private static final String CLAIM = """
            WITH free AS (
                SELECT h.host FROM host h
                WHERE h.next_fetch_at <= now() AND (h.lease_until IS NULL OR h.lease_until < now())
                  AND EXISTS (SELECT 1 FROM url u
                              WHERE u.host = h.host AND u.state = 'queued' AND u.due_at <= now())
                ORDER BY h.next_fetch_at LIMIT ? FOR UPDATE SKIP LOCKED),
            leased AS (
                UPDATE host h SET lease_until = now() + make_interval(secs => ?), leased_by = ?
                FROM free WHERE h.host = free.host RETURNING h.host),
            picked AS (
                SELECT next.url FROM leased CROSS JOIN LATERAL (
                    SELECT u.url FROM url u WHERE u.host = leased.host AND u.state = 'queued' AND u.due_at <= now()
                    ORDER BY u.due_at LIMIT 1 FOR UPDATE OF u SKIP LOCKED) next)
            UPDATE url SET state = 'fetching', updated_at = now()
            FROM picked WHERE url.url = picked.url
            RETURNING url.url, url.host, url.request_url, url.request_id, url.kind, url.hints::text, url.source_id,
                      url.attempts, url.etag, url.last_modified""";

    /**
     * Leases up to {@code max} hosts that may be asked now and have a due URL, and takes the most overdue URL of each,
     * in one statement (one round trip, atomic): the claim of a poll costs the same whatever the number of hosts.
     */
    public List<Task> claim(String instance, int max, Duration lease) throws SQLException {
        if (max <= 0) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(CLAIM)) {
            c.setAutoCommit(true);
            ps.setInt(1, max);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            ps.setString(3, instance);
            List<Task> tasks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tasks.add(task(rs));
                }
            }
            return tasks;
        }
    }

    /** How a claimed URL ends. */
    public sealed interface Result {
        /** Fetched (or 304): due again after {@code revisit}; validators kept for the next conditional request. */
        record Done(int status, String finalUrl, String etag, String lastModified, Duration revisit) implements Result {
        }

        /** Failed for now: queued again after {@code delay}. */
        record Retry(String reason, Duration delay) implements Result {
        }

        /** Given up with a reason; asked again only explicitly or after {@code revisit}. */
        record Failed(String reason, Duration revisit) implements Result {
        }

        /**
         * Not fetched this time (robots.txt fetched first, or its origin's robots.txt is unreachable for now): back in
         * the queue, due after {@code dueIn}, without counting an attempt.
         */
        record Released(Duration dueIn) implements Result {
        }
    }

    /**
     * Records the result of a claimed URL and frees its host until {@code hostDelay} from now: one statement (the URL's
     * update in a WITH clause), so both happen or neither, in one round trip.
     */
    public void finish(Task task, Result result, Duration hostDelay) throws SQLException {
        UrlUpdate update = urlUpdate(task, result);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("WITH recorded AS (" + update.sql() + """
                     )
                     UPDATE host SET lease_until = NULL, leased_by = NULL,
                         next_fetch_at = GREATEST(next_fetch_at, now() + make_interval(secs => ?))
                     WHERE host = ?""")) {
            c.setAutoCommit(true);
            int i = 0;
            for (Object p : update.params()) {
                ps.setObject(++i, p);
            }
            ps.setDouble(++i, hostDelay.toMillis() / 1000.0);
            ps.setString(++i, task.host());
            ps.executeUpdate();
        }
    }

    /** The URL's update for a result: its statement and parameters (none of them null but the validators). */
    private record UrlUpdate(String sql, List<Object> params) {
    }

    private static UrlUpdate urlUpdate(Task task, Result result) {
        if (result instanceof Result.Done d) {
            return new UrlUpdate("""
                    UPDATE url SET state = 'done', due_at = now() + make_interval(secs => ?::float8), attempts = 0,
                        last_status = ?::int, final_url = ?::text, etag = COALESCE(?::text, etag),
                        last_modified = COALESCE(?::text, last_modified), reason = NULL, fetched_at = now(),
                        updated_at = now()
                    WHERE url = ?::text""", java.util.Arrays.asList((double) d.revisit().toSeconds(), d.status(),
                    d.finalUrl(), d.etag(), d.lastModified(), task.url()));
        }
        if (result instanceof Result.Retry r) {
            return attempt(task, "queued", r.delay(), r.reason());
        }
        if (result instanceof Result.Failed f) {
            return attempt(task, "failed", f.revisit(), f.reason());
        }
        Result.Released r = (Result.Released) result;
        return new UrlUpdate("""
                UPDATE url SET state = 'queued', due_at = now() + make_interval(secs => ?::float8), updated_at = now()
                WHERE url = ?::text""", List.of(r.dueIn().toMillis() / 1000.0, task.url()));
    }

    /** A failed attempt: queued again (retry) or given up (failed), due after {@code wait}, with the reason. */
    private static UrlUpdate attempt(Task task, String state, Duration wait, String reason) {
        return new UrlUpdate("""
                UPDATE url SET state = ?::text, due_at = now() + make_interval(secs => ?::float8),
                    attempts = attempts + 1, reason = ?::text, updated_at = now()
                WHERE url = ?::text""", java.util.Arrays.asList(state, wait.toMillis() / 1000.0, reason, task.url()));
    }

    /** Extends this instance's leases of these hosts (their fetches are still running) to {@code lease} from now. */
    public int renewLeases(String instance, List<String> hosts, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE host SET lease_until = now() + make_interval(secs => ?)
                     WHERE leased_by = ? AND host = ANY (?)""")) {
            c.setAutoCommit(true);
            ps.setDouble(1, lease.toMillis() / 1000.0);
            ps.setString(2, instance);
            ps.setArray(3, c.createArrayOf("text", hosts.toArray()));
            return ps.executeUpdate();
        }
    }

    /**
     * Puts back URLs left in flight by a fetch that died (its host lease expired) or, with an instance, every URL
     * that instance holds (graceful shutdown).
     */
    public int release(String instance) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement urls = c.prepareStatement("""
                    UPDATE url SET state = 'queued', updated_at = now()
                    WHERE state = 'fetching' AND host IN (
                        SELECT host FROM host WHERE lease_until IS NULL OR lease_until < now() OR leased_by = ?)""");
                 PreparedStatement hosts = c.prepareStatement("""
                         UPDATE host SET lease_until = NULL, leased_by = NULL
                         WHERE lease_until < now() OR leased_by = ?""")) {
                urls.setString(1, instance);
                int n = urls.executeUpdate();
                hosts.setString(1, instance);
                hosts.executeUpdate();
                c.commit();
                return n;
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
    }

    /**
     * Of these page URLs, the ones neither in the frontier nor announced before, recorded as announced in a
     * transaction that commits only after {@code announce} returned (the crawl requests acknowledged by the broker).
     * Of two overlapping polls only one gets a URL (the other waits on its row, then sees it taken); a fetcher killed
     * before the acknowledgement leaves the URLs unclaimed, so the next poll announces them again instead of losing them.
     */
    public void claimUnseen(Collection<String> urls, java.util.function.Consumer<Set<String>> announce)
            throws SQLException {
        if (urls.isEmpty()) {
            announce.accept(Set.of());
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> unseen = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO discovered (url)
                        SELECT u FROM unnest(?::text[]) AS u WHERE NOT EXISTS (SELECT 1 FROM url WHERE url.url = u)
                        ON CONFLICT (url) DO NOTHING
                        RETURNING url""")) {
                    ps.setArray(1, c.createArrayOf("text", urls.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            unseen.add(rs.getString(1));
                        }
                    }
                }
                announce.accept(unseen);
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
    }

    /** Queued URLs per host, the longest queues first. */
    public Map<String, Long> queueDepths(int limit) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT host, count(*) FROM url WHERE state = 'queued' GROUP BY host
                     ORDER BY count(*) DESC, host LIMIT ?""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static Task task(ResultSet rs) throws SQLException {
        @SuppressWarnings("unchecked")
        Map<String, String> hints = EventJson.mapper().convertValue(
                EventJson.read(rs.getString("hints"), Map.class), Map.class);
        return new Task(rs.getString("url"), rs.getString("host"), rs.getString("request_url"),
                rs.getString("request_id"), CrawlKind.parse(rs.getString("kind")), hints, rs.getString("source_id"),
                rs.getInt("attempts"), rs.getString("etag"), rs.getString("last_modified"));
    }
}
