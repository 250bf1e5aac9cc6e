package io.newsloom.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one page of {@code GET /api/v1/articles}, with its arguments in order. Rows come out most recently
 * stored first ({@code seq} descending); a search puts the articles whose title matches (tier 1) before the others
 * (tier 0). Each tier is its own {@code ORDER BY seq DESC LIMIT}, so PostgreSQL stops after a page instead of
 * sorting every match: for a common word it walks the seq index and checks the newest articles, for a rare one it
 * looks the word up in the GIN index. The page is keyset-paged on (tier, seq), see {@link Cursor}.
 *
 * @param sql  selects the given columns plus {@code tier}; one row more than the page, to tell whether one follows
 * @param args the arguments of the {@code ?} in order
 */
record ListQuery(String sql, List<Object> args) {

    /**
     * @param tsquery the search's text search query, {@code search_query(f.q())} as text (null without a search):
     *                passed as a constant, so that PostgreSQL plans with it without evaluating the function
     */
    static ListQuery of(ArticleFilter f, String columns, String tsquery) {
        if (f.searching() && tsquery == null) {
            throw new IllegalArgumentException("a search needs its tsquery");
        }
        Cursor cursor = f.cursor();
        int rows = f.limit() + 1;
        if (!f.searching()) {
            return tier(f, columns, null, 0, "", cursor == null ? null : cursor.seq(), rows);
        }
        ListQuery text = tier(f, columns, tsquery, 0, " AND a.search @@ query AND NOT a.title_search @@ query",
                cursor != null && cursor.tier() == 0 ? cursor.seq() : null, rows);
        if (cursor != null && cursor.tier() == 0) {
            return text;   // the title matches were all on earlier pages
        }
        ListQuery title = tier(f, columns, tsquery, 1, " AND a.search @@ query AND a.title_search @@ query",
                cursor == null ? null : cursor.seq(), rows);
        List<Object> args = new ArrayList<>(title.args());
        args.addAll(text.args());
        return new ListQuery("SELECT * FROM ((" + title.sql() + ") UNION ALL (" + text.sql() + ")) r"
                + " ORDER BY r.tier DESC, r.seq DESC LIMIT " + rows, args);
    }

    /** One tier: the filters and {@code match}, after {@code beforeSeq} when not null, newest first. */
    private static ListQuery tier(ArticleFilter f, String columns, String tsquery, int tier, String match,
                                  Long beforeSeq, int rows) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(", ").append(tier)
                .append(" AS tier FROM article a");
        if (f.searching()) {
            // the query's own FROM item: planned with the actual value, PostgreSQL estimates how common its words are
            sql.append(", CAST(? AS tsquery) AS query");
            args.add(tsquery);
        }
        sql.append(" WHERE true").append(match);
        if (f.lang() != null) {
            sql.append(" AND (lower(a.language) = ? OR lower(a.language) LIKE ?)");
            args.add(f.lang());
            args.add(f.lang() + "-%");
        }
        if (f.site() != null) {
            sql.append(" AND lower(a.site) = ?");
            args.add(f.site());
        }
        if (f.since() != null) {
            sql.append(" AND coalesce(a.published_at, a.fetched_at) >= ?");
            args.add(f.since());
        }
        if (f.until() != null) {
            sql.append(" AND coalesce(a.published_at, a.fetched_at) < ?");
            args.add(f.until());
        }
        switch (f.duplicates()) {
            case EXCLUDE -> sql.append(" AND a.duplicate_of IS NULL");
            case ONLY -> sql.append(" AND a.duplicate_of IS NOT NULL");
            case INCLUDE -> { }
        }
        if (beforeSeq != null) {
            sql.append(" AND a.seq < ?");
            args.add(beforeSeq);
        }
        sql.append(" ORDER BY a.seq DESC LIMIT ").append(rows);
        return new ListQuery(sql.toString(), args);
    }
}
