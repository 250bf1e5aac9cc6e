package io.newsloom.api;

import io.newsloom.events.ArticleEvent;
import io.newsloom.events.ArticleIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGStatement;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the store's article tables (schema {@code articles}); the api never writes them. */
@ApplicationScoped
public class ArticleQueries {

    /** One page of a list, and the cursor of the next (null on the last page). */
    public record Page(List<ArticleSummary> items, String nextCursor) {
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    // Rows are read by position: these lists and the readers below go together.
    private static final String COLUMNS = """
            a.id, a.url, a.canonical_url, a.site, a.title, a.authors, a.published_at, a.modified_at, a.fetched_at,
            a.language, a.description, a.text, a.html, a.image_url, a.tags, a.word_count, a.content_hash,
            a.duplicate_of, a.version""";

    // A list needs no html, and only the start of the text for the snippet.
    private static final String SUMMARY_COLUMNS = """
            a.id, a.url, a.canonical_url, a.site, a.title, a.authors, a.published_at, a.modified_at, a.fetched_at,
            a.language, a.description, left(a.text, 400) AS text, a.image_url, a.tags, a.word_count, a.content_hash,
            a.duplicate_of, a.version, a.seq""";

    /** Search texts whose tsquery is remembered, see {@link SearchQueryMemo}. */
    static final int REMEMBERED_SEARCHES = 4096;

    private final DataSource dataSource;
    private final ConnectionGate gate;
    private final SearchQueryMemo searchQueries = new SearchQueryMemo(REMEMBERED_SEARCHES);

    @Inject
    public ArticleQueries(DataSource dataSource,
                          @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20") int connections,
                          @ConfigProperty(name = "quarkus.datasource.jdbc.acquisition-timeout", defaultValue = "5s")
                          Duration acquisitionTimeout) {
        this.dataSource = dataSource;
        this.gate = new ConnectionGate(connections, acquisitionTimeout);
    }

    public Optional<ArticleEvent> byId(String id) throws SQLException {
        return first(query("SELECT " + COLUMNS + " FROM article a WHERE a.id = ?", List.of(id),
                ArticleQueries::article));
    }

    /**
     * The article requested or published under this URL (exactly, or once normalised). The store records every URL
     * and canonical URL of an article in article_url, so its primary key answers alone (article.canonical_url has no
     * index: asking it too scanned every article).
     */
    public Optional<ArticleEvent> byUrl(String url) throws SQLException {
        String normalised = ArticleIds.normalise(url);
        return first(query("SELECT " + COLUMNS + " FROM article a WHERE a.id IN ("
                + "SELECT article_id FROM article_url WHERE url = ? OR url = ?) "
                + "ORDER BY a.seq LIMIT 1", List.of(url, normalised), ArticleQueries::article));
    }

    /** Every revision of an article, the current one first; empty when there is no such article. */
    public List<ArticleEvent> revisions(String id) throws SQLException {
        List<ArticleEvent> current = query("SELECT " + COLUMNS + " FROM article a WHERE a.id = ?", List.of(id),
                ArticleQueries::article);
        if (current.isEmpty()) {
            return current;
        }
        List<ArticleEvent> all = new ArrayList<>(current);
        all.addAll(query("SELECT " + COLUMNS.replace("a.id,", "a.article_id AS id,")
                + " FROM article_revision a WHERE a.article_id = ? ORDER BY a.version DESC", List.of(id),
                ArticleQueries::article));
        return all;
    }

    /**
     * A page of articles: without a search the most recently stored first; with one the articles whose title matches
     * first, then the others, each group the most recently stored first. See {@link ListQuery}.
     */
    public Page list(ArticleFilter f) throws SQLException {
        record Row(ArticleSummary summary, long seq, int tier) {
        }
        List<Row> rows = gate.call(() -> {
            try (Connection c = dataSource.getConnection()) {
                String tsquery = f.searching() ? tsquery(c, f.q()) : null;
                if (f.searching() && tsquery == null) {
                    return List.<Row>of();
                }
                ListQuery q = ListQuery.of(f, SUMMARY_COLUMNS, tsquery);
                return query(c, q.sql(), q.args(), rs -> new Row(summary(rs), rs.getLong(19), rs.getInt(20)),
                        f.searching());
            }
        });
        if (rows.size() <= f.limit()) {
            return new Page(rows.stream().map(Row::summary).toList(), null);
        }
        Row last = rows.get(f.limit() - 1);
        return new Page(rows.subList(0, f.limit()).stream().map(Row::summary).toList(),
                new Cursor(f.fingerprint(), last.seq(), last.tier()).encode());
    }

    private <T> List<T> query(String sql, List<?> args, RowReader<T> reader) throws SQLException {
        return gate.call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return query(c, sql, args, reader, false);
            }
        });
    }

    /**
     * The tsquery of a search text (as text), remembered or from the store's function {@code search_query}; null
     * before the store created that function (nothing is stored yet).
     */
    private String tsquery(Connection c, String q) throws SQLException {
        String known = searchQueries.get(q);
        if (known != null) {
            return known;
        }
        List<String> computed = query(c, "SELECT search_query(?)::text", List.of(q), rs -> rs.getString(1), false);
        if (computed.isEmpty()) {
            return null;
        }
        searchQueries.put(q, computed.get(0));
        return computed.get(0);
    }

    /**
     * @param planEachTime plan with the actual arguments every time: a search's best plan depends on how common its
     *                     words are (walk the newest articles, or look the words up in the GIN index), which a
     *                     server-side prepared statement's generic plan cannot know
     */
    private static <T> List<T> query(Connection c, String sql, List<?> args, RowReader<T> reader,
                                     boolean planEachTime) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (planEachTime) {
                ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            if (NotCreatedYet.is(e)) {
                return List.of();   // the store has not started yet: no article is stored
            }
            throw e;
        }
    }

    private static ArticleEvent article(ResultSet rs) throws SQLException {
        return new ArticleEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                strings(rs.getArray(6)), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), strings(rs.getArray(15)), rs.getInt(16), rs.getString(17),
                rs.getString(18), rs.getInt(19));
    }

    private static ArticleSummary summary(ResultSet rs) throws SQLException {
        return new ArticleSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), strings(rs.getArray(6)), rs.getObject(7, OffsetDateTime.class),
                rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class), rs.getString(10),
                rs.getString(11), ArticleSummary.snippet(rs.getString(12)), rs.getString(13),
                strings(rs.getArray(14)), rs.getInt(15), rs.getString(16), rs.getString(17), rs.getInt(18));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }
}
