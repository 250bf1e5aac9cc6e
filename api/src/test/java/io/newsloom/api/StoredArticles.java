package io.newsloom.api;

import io.newsloom.events.ArticleIds;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Test rows in the store's tables, written the way the store writes them (the api itself never writes them). The
 * schema comes from the store's own migrations.
 */
final class StoredArticles {

    private static boolean migrated;

    private final DataSource dataSource;

    StoredArticles(DataSource dataSource) {
        this.dataSource = dataSource;
        migrate(dataSource);
    }

    private static synchronized void migrate(DataSource dataSource) {
        if (!migrated) {
            Flyway.configure().dataSource(dataSource).schemas("articles").defaultSchema("articles")
                    .locations("filesystem:../store/src/main/resources/db/migration").load().migrate();
            migrated = true;
        }
    }

    /** Stores an article under url; returns its id. */
    String insert(String url, String site, String language, String title, String text, OffsetDateTime publishedAt,
                  String duplicateOf) throws SQLException {
        String id = ArticleIds.fromUrl(url);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO article (id, url, canonical_url, site, title, authors, published_at, fetched_at,
                                     language, text, html, word_count, content_hash, duplicate_of)
                VALUES (?, ?, ?, ?, ?, ARRAY['王小明'], ?, now(), ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, id);
            ps.setString(2, url);
            ps.setString(3, url);
            ps.setString(4, site);
            ps.setString(5, title);
            ps.setObject(6, publishedAt);
            ps.setString(7, language);
            ps.setString(8, text);
            ps.setString(9, "<p>" + text + "</p>");
            ps.setInt(10, text.length());
            ps.setString(11, ArticleIds.sha256Hex(title + "\n" + text));
            ps.setString(12, duplicateOf);
            ps.executeUpdate();
        }
        execute("INSERT INTO article_url (url, article_id) VALUES (?, ?)", url, id);
        return id;
    }

    /** Replaces an article's text, keeping the old row as a revision, as the store does. */
    void revise(String id, String newText) throws SQLException {
        execute("""
                INSERT INTO article_revision (article_id, version, url, canonical_url, site, title, authors,
                    published_at, modified_at, fetched_at, language, description, text, html, image_url, tags,
                    word_count, content_hash, duplicate_of, stored_at)
                SELECT id, version, url, canonical_url, site, title, authors, published_at, modified_at, fetched_at,
                    language, description, text, html, image_url, tags, word_count, content_hash, duplicate_of,
                    updated_at
                FROM article WHERE id = ?""", id);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE article SET text = ?, content_hash = ?, version = version + 1, updated_at = now()
                WHERE id = ?""")) {
            ps.setString(1, newText);
            ps.setString(2, ArticleIds.sha256Hex(newText));
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    private void execute(String sql, String... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
