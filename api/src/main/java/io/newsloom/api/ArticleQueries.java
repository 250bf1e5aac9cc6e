package io.newsloom.api;

import io.newsloom.events.ArticleEvent;
import io.newsloom.events.ArticleIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the store's article tables (schema {@code articles}); the api never writes them. */
@ApplicationScoped
public class ArticleQueries {

    private static final String COLUMNS = """
            a.id, a.url, a.canonical_url, a.site, a.title, a.authors, a.published_at, a.modified_at, a.fetched_at,
            a.language, a.description, a.text, a.html, a.image_url, a.tags, a.word_count, a.content_hash,
            a.duplicate_of, a.version""";

    private final DataSource dataSource;

    @Inject
    public ArticleQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ArticleEvent> byId(String id) throws SQLException {
        return first(query("SELECT " + COLUMNS + " FROM article a WHERE a.id = ?", id));
    }

    /** The article requested or published under this URL (exactly, or once normalised). */
    public Optional<ArticleEvent> byUrl(String url) throws SQLException {
        String normalised = ArticleIds.normalise(url);
        return first(query("SELECT " + COLUMNS + " FROM article a WHERE a.id IN ("
                + "SELECT article_id FROM article_url WHERE url = ? OR url = ? "
                + "UNION SELECT id FROM article WHERE canonical_url = ? OR canonical_url = ?) "
                + "ORDER BY a.stored_at LIMIT 1", url, normalised, url, normalised));
    }

    /** The newest articles first. */
    public List<ArticleEvent> newest(int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM article a ORDER BY a.stored_at DESC, a.id DESC LIMIT "
                + Math.max(1, limit));
    }

    private List<ArticleEvent> query(String sql, String... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<ArticleEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(article(rs));
                }
                return out;
            }
        }
    }

    private static ArticleEvent article(ResultSet rs) throws SQLException {
        return new ArticleEvent(rs.getString("id"), rs.getString("url"), rs.getString("canonical_url"),
                rs.getString("site"), rs.getString("title"), strings(rs.getArray("authors")),
                rs.getObject("published_at", OffsetDateTime.class), rs.getObject("modified_at", OffsetDateTime.class),
                rs.getObject("fetched_at", OffsetDateTime.class), rs.getString("language"),
                rs.getString("description"), rs.getString("text"), rs.getString("html"), rs.getString("image_url"),
                strings(rs.getArray("tags")), rs.getInt("word_count"), rs.getString("content_hash"),
                rs.getString("duplicate_of"), rs.getInt("version"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }
}
