package io.newsloom.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a list starts: after the article with store sequence {@code seq} (and, in a search, in
 * tier {@code tier}, see {@link ListQuery}). Keyset paging: the next page is "what sorts after this key", so articles
 * stored meanwhile (they get larger sequence numbers) never shift a page, and there is no OFFSET to scan.
 *
 * <p>Outside it is an opaque token: base64url of {@code v2:<filter fingerprint>:<seq>:<tier>}. (Version 1 held a
 * search rank instead of the tier; such cursors are refused.)
 *
 * @param filter the fingerprint of the filters it was made for ({@link ArticleFilter#fingerprint()})
 * @param seq    the last item's store sequence
 * @param tier   the last item's tier: 1 when its title matches the search, else (and when not searching) 0
 */
public record Cursor(String filter, long seq, int tier) {

    private static final String VERSION = "v2";

    public String encode() {
        String plain = VERSION + ":" + filter + ":" + seq + ":" + tier;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token made by {@link #encode()} for the same filters.
     *
     * @throws ProblemException (400) for a token that is not one, or belongs to other filters
     */
    public static Cursor decode(String token, String expectedFilter) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", -1);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw malformed();
        }
        long seq;
        int tier;
        try {
            seq = Long.parseLong(parts[2]);
            tier = Integer.parseInt(parts[3]);
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (seq < 0 || (tier != 0 && tier != 1)) {
            throw malformed();
        }
        if (!parts[1].equals(expectedFilter)) {
            throw ProblemException.badRequest("'cursor' belongs to a list with other filters; "
                    + "start again without a cursor");
        }
        return new Cursor(parts[1], seq, tier);
    }

    private static ProblemException malformed() {
        return ProblemException.badRequest("'cursor' is not a cursor this API gave out");
    }
}
