package io.newsloom.store;

import io.newsloom.events.ArticleEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;

/** Writes articles to PostgreSQL (schema {@code articles}, owned by the store). */
@ApplicationScoped
public class ArticleRepository {

    // A row is only rewritten when the content changed, so a redelivered event leaves it as it was.
    private static final String UPSERT = """
            INSERT INTO article (id, url, canonical_url, site, title, authors, published_at, modified_at, fetched_at,
                                 language, description, text, html, image_url, tags, word_count, content_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                url = EXCLUDED.url, canonical_url = EXCLUDED.canonical_url, site = EXCLUDED.site,
                title = EXCLUDED.title, authors = EXCLUDED.authors, published_at = EXCLUDED.published_at,
                modified_at = EXCLUDED.modified_at, fetched_at = EXCLUDED.fetched_at, language = EXCLUDED.language,
                description = EXCLUDED.description, text = EXCLUDED.text, html = EXCLUDED.html,
                image_url = EXCLUDED.image_url, tags = EXCLUDED.tags, word_count = EXCLUDED.word_count,
                content_hash = EXCLUDED.content_hash, version = article.version + 1, updated_at = now()
            WHERE article.content_hash <> EXCLUDED.content_hash
            RETURNING version
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

    /** Inserts or updates the article and its URLs in one transaction, committed when this returns. */
    public StoreOutcome upsert(ArticleEvent a) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                StoreOutcome outcome = writeArticle(c, a);
                rememberUrl(c, a.url(), a.id());
                rememberUrl(c, a.canonicalUrl(), a.id());
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static StoreOutcome writeArticle(Connection c, ArticleEvent a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            int i = 0;
            ps.setString(++i, a.id());
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
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return StoreOutcome.UNCHANGED;
                }
                return rs.getInt(1) == 1 ? StoreOutcome.INSERTED : StoreOutcome.UPDATED;
            }
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

    /** PostgreSQL text cannot hold NUL characters; a page that has them keeps everything else. */
    static String clean(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    private static String[] cleanAll(List<String> values) {
        return values.stream().map(ArticleRepository::clean).toArray(String[]::new);
    }
}
