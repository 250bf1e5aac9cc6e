package io.newsloom.store;

import io.newsloom.events.ArticleEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Writes articles to PostgreSQL (schema {@code articles}, owned by the store): the latest revision in {@code article},
 * the one it replaced in {@code article_revision}, every URL in {@code article_url}, and the near-duplicate link.
 */
@ApplicationScoped
public class ArticleRepository {

    /** What became of one article of a batch: stored (with the outcome) or refused (with the database's reason). */
    public record Written(StoreOutcome outcome, String refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    private record Current(int version, String contentHash, long seq) {
    }

    // The content columns, in the order both INSERT and UPDATE bind them.
    private static final String CONTENT = """
            url, canonical_url, site, title, authors, published_at, modified_at, fetched_at, language, description,
            text, html, image_url, tags, word_count, content_hash, duplicate_of, simhash, simhash_bands""";
    private static final int CONTENT_COLUMNS = 19;

    private static final String CURRENT = "SELECT version, content_hash, seq FROM article WHERE id = ? FOR UPDATE";

    private static final String INSERT = "INSERT INTO article (id, " + CONTENT + ") VALUES (?" + ", ?".repeat(
            CONTENT_COLUMNS) + ")";

    private static final String UPDATE = "UPDATE article SET (" + CONTENT + ") = (" + "?, ".repeat(CONTENT_COLUMNS - 1)
            + "?), version = version + 1, updated_at = now() WHERE id = ? RETURNING version";

    // The row as it is now becomes a revision, before the new content replaces it.
    private static final String KEEP_REVISION = """
            INSERT INTO article_revision (article_id, version, url, canonical_url, site, title, authors, published_at,
                modified_at, fetched_at, language, description, text, html, image_url, tags, word_count, content_hash,
                duplicate_of, stored_at)
            SELECT id, version, url, canonical_url, site, title, authors, published_at, modified_at, fetched_at,
                language, description, text, html, image_url, tags, word_count, content_hash, duplicate_of, updated_at
            FROM article WHERE id = ?
            """;

    // Candidates are originals sharing a band with the fingerprint (see SimHash.bands; the partial index holds
    // originals only, V6); the earliest near one wins.
    private static final String NEAR_CANDIDATES = """
            SELECT id, simhash FROM article
            WHERE simhash_bands && ? AND duplicate_of IS NULL AND id <> ? AND seq < ?
            ORDER BY seq LIMIT 1000
            """;

    private static final String REMEMBER_URL = """
            INSERT INTO article_url (url, article_id) VALUES (?, ?)
            ON CONFLICT (url) DO UPDATE SET article_id = EXCLUDED.article_id
            WHERE article_url.article_id <> EXCLUDED.article_id
            """;

    private final DataSource dataSource;

    @Inject
    public ArticleRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the articles in order, in one transaction committed when this returns. An article the database refuses
     * (a constraint, a value it cannot hold) is rolled back on its own, to a savepoint, and reported with the reason;
     * the others are stored. A failure {@code isTransient} accepts (the database is unreachable) rolls back everything
     * and is thrown, so that the caller can retry the whole batch.
     * <p>
     * The batch is first written without savepoints (two round trips fewer per article); only when the database
     * refuses one of its articles is it rolled back and written again with a savepoint around each.
     */
    public List<Written> storeAll(List<ArticleEvent> articles, Predicate<SQLException> isTransient)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Written> results = new ArrayList<>(articles.size());
                try {
                    for (ArticleEvent a : articles) {
                        results.add(new Written(write(c, a), null));
                    }
                } catch (SQLException e) {
                    if (isTransient.test(e)) {
                        throw e;
                    }
                    c.rollback();
                    results = storeEach(c, articles, isTransient);
                }
                c.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /** The articles one by one, each behind a savepoint: a refused one is rolled back alone, with its reason. */
    private static List<Written> storeEach(Connection c, List<ArticleEvent> articles,
                                           Predicate<SQLException> isTransient) throws SQLException {
        List<Written> results = new ArrayList<>(articles.size());
        for (ArticleEvent a : articles) {
            Savepoint before = c.setSavepoint();
            try {
                results.add(new Written(write(c, a), null));
                c.releaseSavepoint(before);
            } catch (SQLException e) {
                if (isTransient.test(e)) {
                    throw e;
                }
                c.rollback(before);
                results.add(new Written(null, e.getMessage()));
            }
        }
        return results;
    }

    private static StoreOutcome write(Connection c, ArticleEvent a) throws SQLException {
        Current current = current(c, a.id());
        StoreOutcome outcome;
        if (current != null && current.contentHash().equals(a.contentHash())) {
            outcome = StoreOutcome.UNCHANGED;
        } else {
            OptionalLong fingerprint = SimHash.of(a.text());
            String duplicateOf = fingerprint.isPresent()
                    ? earlierNearDuplicate(c, a.id(), fingerprint.getAsLong(),
                    current == null ? Long.MAX_VALUE : current.seq())
                    : null;
            if (current == null) {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setString(1, a.id());
                    bindContent(c, ps, 2, a, duplicateOf, fingerprint);
                    ps.executeUpdate();
                }
                outcome = StoreOutcome.INSERTED;
            } else {
                try (PreparedStatement ps = c.prepareStatement(KEEP_REVISION)) {
                    ps.setString(1, a.id());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                    bindContent(c, ps, 1, a, duplicateOf, fingerprint);
                    ps.setString(CONTENT_COLUMNS + 1, a.id());
                    ps.executeQuery().close();
                }
                outcome = StoreOutcome.UPDATED;
            }
        }
        rememberUrl(c, a.url(), a.id());
        if (a.canonicalUrl() != null && !a.canonicalUrl().equals(a.url())) {
            rememberUrl(c, a.canonicalUrl(), a.id());
        }
        return outcome;
    }

    private static Current current(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CURRENT)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Current(rs.getInt(1), rs.getString(2), rs.getLong(3)) : null;
            }
        }
    }

    /**
     * The id of the earliest stored original (an article that duplicates none, stored before {@code beforeSeq}) whose
     * text is near this one, or null: every copy points at an original, never at another copy.
     */
    private static String earlierNearDuplicate(Connection c, String id, long fingerprint, long beforeSeq)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEAR_CANDIDATES)) {
            ps.setArray(1, c.createArrayOf("integer", SimHash.bands(fingerprint)));
            ps.setString(2, id);
            ps.setLong(3, beforeSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (SimHash.near(fingerprint, rs.getLong("simhash"))) {
                        return rs.getString("id");
                    }
                }
                return null;
            }
        }
    }

    private static void bindContent(Connection c, PreparedStatement ps, int first, ArticleEvent a, String duplicateOf,
                                    OptionalLong fingerprint) throws SQLException {
        int i = first - 1;
        ps.setString(++i, clean(a.url()));
        ps.setString(++i, clean(a.canonicalUrl()));
        ps.setString(++i, clean(a.site()));
        ps.setString(++i, clean(a.title()));
        ps.setArray(++i, c.createArrayOf("text", cleanAll(a.authors())));
        setTime(ps, ++i, a.publishedAt());
        setTime(ps, ++i, a.modifiedAt());
        setTime(ps, ++i, a.fetchedAt());
        ps.setString(++i, clean(a.language()));
        ps.setString(++i, clean(a.description()));
        ps.setString(++i, clean(a.text()));
        ps.setString(++i, clean(a.html()));
        ps.setString(++i, clean(a.imageUrl()));
        ps.setArray(++i, c.createArrayOf("text", cleanAll(a.tags())));
        ps.setInt(++i, a.wordCount());
        ps.setString(++i, a.contentHash());
        ps.setString(++i, duplicateOf);
        if (fingerprint.isPresent()) {
            ps.setLong(++i, fingerprint.getAsLong());
            ps.setArray(++i, c.createArrayOf("integer", SimHash.bands(fingerprint.getAsLong())));
        } else {
            ps.setNull(++i, Types.BIGINT);
            ps.setNull(++i, Types.ARRAY);
        }
    }

    private static void rememberUrl(Connection c, String url, String id) throws SQLException {
        if (url == null || url.isBlank()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(REMEMBER_URL)) {
            ps.setString(1, clean(url));
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    private static void setTime(PreparedStatement ps, int index, OffsetDateTime time) throws SQLException {
        if (time == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, time);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** PostgreSQL text cannot hold NUL characters; a page that has them keeps everything else. */
    static String clean(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    private static String[] cleanAll(List<String> values) {
        return values.stream().map(ArticleRepository::clean).toArray(String[]::new);
    }
}
