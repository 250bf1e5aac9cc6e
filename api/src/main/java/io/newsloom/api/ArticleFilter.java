package io.newsloom.api;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parameters of {@code GET /api/v1/articles}, checked: every bad value is a 400 that names the parameter.
 *
 * @param q          search text (null: no search)
 * @param lang       language tag, lower case; matches itself and its subtags ({@code zh} matches {@code zh-hant})
 * @param site       site, lower case
 * @param since      published (or, when unknown, fetched) at or after
 * @param until      published (or, when unknown, fetched) before
 * @param duplicates what to do with near-duplicates
 * @param limit      page size, 1..100
 * @param cursor     where the page starts (null: at the first article)
 */
public record ArticleFilter(String q, String lang, String site, OffsetDateTime since, OffsetDateTime until,
                            Duplicates duplicates, int limit, Cursor cursor) {

    public enum Duplicates { EXCLUDE, INCLUDE, ONLY }

    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_QUERY_LENGTH = 200;
    static final OffsetDateTime EARLIEST = OffsetDateTime.parse("0001-01-01T00:00:00Z");
    static final OffsetDateTime LATEST = OffsetDateTime.parse("9999-12-31T23:59:59.999999999Z");
    // BCP 47 in practice: a 2-3 letter language, then subtags of 1-8 letters or digits (zh-Hant, en-GB, sr-Latn-RS)
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{1,8})*");

    /** Checks the raw query parameters (each may be null). */
    public static ArticleFilter parse(String q, String lang, String site, String since, String until,
                                      String duplicates, String limit, String cursor) {
        String query = blankToNull(q);
        if (query != null && query.length() > MAX_QUERY_LENGTH) {
            throw ProblemException.badRequest("'q' must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        String language = blankToNull(lang);
        if (language != null) {
            language = language.toLowerCase(Locale.ROOT).replace('_', '-');
            if (!LANGUAGE_TAG.matcher(language).matches()) {
                throw ProblemException.badRequest("'lang' must be a language tag such as en, zh or zh-Hant");
            }
        }
        String siteName = blankToNull(site);
        ArticleFilter unpaged = new ArticleFilter(query, language,
                siteName == null ? null : siteName.toLowerCase(Locale.ROOT), time("since", since),
                time("until", until), duplicates(duplicates), limit(limit), null);
        String token = blankToNull(cursor);
        return token == null ? unpaged : unpaged.withCursor(Cursor.decode(token, unpaged.fingerprint()));
    }

    public ArticleFilter withCursor(Cursor next) {
        return new ArticleFilter(q, lang, site, since, until, duplicates, limit, next);
    }

    public boolean searching() {
        return q != null;
    }

    /**
     * Names the query a cursor belongs to, so that a cursor used with other filters is refused rather than giving a
     * page of some other list.
     */
    public String fingerprint() {
        String canonical = String.join("\u0000", String.valueOf(q), String.valueOf(lang), String.valueOf(site),
                String.valueOf(since == null ? null : since.toInstant()),
                String.valueOf(until == null ? null : until.toInstant()), duplicates.name());
        return HexFormat.of().formatHex(sha256(canonical), 0, 6);
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** An ISO 8601 date-time with offset ({@code 2024-03-14T09:30:00+08:00}) or a date (midnight UTC). */
    static OffsetDateTime time(String name, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = text.length() == 10 ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name
                    + "' must be a date (2024-03-14) or a date-time with offset (2024-03-14T09:30:00Z)");
        }
        // Java reads years up to 999999999, PostgreSQL stores up to 294276: keep to years every part can hold
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw ProblemException.badRequest("'" + name + "' must be within the years 0001 to 9999");
        }
        return time;
    }

    static Duplicates duplicates(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return Duplicates.EXCLUDE;
        }
        for (Duplicates d : Duplicates.values()) {
            if (d.name().equalsIgnoreCase(text)) {
                return d;
            }
        }
        throw ProblemException.badRequest("'duplicates' must be exclude, include or only");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
