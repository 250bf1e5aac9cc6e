package io.newsloom.fetcher;

import io.newsloom.events.CrawlKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The registered sources (table {@code fetcher.source}): what to poll, when, and how the last polls went. */
@ApplicationScoped
public class SourceStore {

    /** A source whose poll is due. */
    public record DueSource(String id, String url, CrawlKind kind) {
    }

    /** What one poll of a source found. */
    public record Poll(boolean changed, int items, int newItems, String status) {
    }

    private final DataSource dataSource;

    @Inject
    public SourceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds a source, or changes an existing one's kind and interval; it is polled at once. */
    public void register(String id, String url, CrawlKind kind, Duration interval) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO source (id, url, kind, interval_seconds, current_seconds, next_poll_at)
                VALUES (?, ?, ?, ?, ?, now())
                ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, kind = EXCLUDED.kind,
                    interval_seconds = EXCLUDED.interval_seconds, current_seconds = EXCLUDED.current_seconds,
                    next_poll_at = now()""")) {
            ps.setString(1, id);
            ps.setString(2, url);
            ps.setString(3, kind.json());
            ps.setInt(4, (int) interval.toSeconds());
            ps.setInt(5, (int) interval.toSeconds());
            ps.executeUpdate();
        }
    }

    public void remove(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM source WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /**
     * Takes the sources due for a poll and moves their next poll one interval ahead, so that no other instance takes
     * them too; the poll's result then sets the adapted time.
     */
    public List<DueSource> takeDue(int max) throws SQLException {
        List<DueSource> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE source SET next_poll_at = now() + make_interval(secs => current_seconds)
                WHERE id IN (SELECT id FROM source WHERE next_poll_at <= now() ORDER BY next_poll_at LIMIT ?
                             FOR UPDATE SKIP LOCKED)
                RETURNING id, url, kind""")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DueSource(rs.getString(1), rs.getString(2), CrawlKind.parse(rs.getString(3))));
                }
            }
        }
        return out;
    }

    /** Records a poll and schedules the next one at the adapted interval. */
    public void recordPoll(String id, Poll poll, AdaptiveInterval adaptive) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Duration current;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT current_seconds FROM source WHERE id = ? FOR UPDATE")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return;   // removed meanwhile
                        }
                        current = Duration.ofSeconds(rs.getInt(1));
                    }
                }
                Duration next = adaptive.next(current, poll.changed());
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE source SET current_seconds = ?, next_poll_at = now() + make_interval(secs => ?),
                            last_poll_at = now(), last_status = ?, polls = polls + 1, items_last = ?,
                            items_new_last = ?, items_total = items_total + ?
                        WHERE id = ?""")) {
                    ps.setInt(1, (int) next.toSeconds());
                    ps.setInt(2, (int) next.toSeconds());
                    ps.setString(3, poll.status());
                    ps.setInt(4, poll.items());
                    ps.setInt(5, poll.newItems());
                    ps.setInt(6, poll.newItems());
                    ps.setString(7, id);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
    }
}
