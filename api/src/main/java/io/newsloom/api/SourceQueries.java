package io.newsloom.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the fetcher's source table (schema {@code fetcher}); the api never writes it. */
@ApplicationScoped
public class SourceQueries {

    /** A source as {@code GET /api/v1/sources} shows it. */
    public record SourceView(String id, String url, String kind, String interval, String currentInterval,
                             OffsetDateTime lastPollAt, OffsetDateTime nextPollAt, String lastStatus, int polls,
                             int itemsLast, int newItemsLast, long itemsTotal) {
    }

    private final DataSource dataSource;

    @Inject
    public SourceQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<SourceView> all() throws SQLException {
        List<SourceView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, url, kind, interval_seconds, current_seconds, last_poll_at, next_poll_at, last_status,
                       polls, items_last, items_new_last, items_total
                FROM fetcher.source ORDER BY created_at, id""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SourceView(rs.getString(1), rs.getString(2), rs.getString(3),
                        Duration.ofSeconds(rs.getInt(4)).toString(), Duration.ofSeconds(rs.getInt(5)).toString(),
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                        rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getLong(12)));
            }
        } catch (SQLException e) {
            if (NotCreatedYet.is(e)) {
                return List.of();
            }
            throw e;
        }
        return out;
    }
}
