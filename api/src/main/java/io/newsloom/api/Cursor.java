package io.newsloom.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a list starts: after the article with store sequence {@code seq} (and, in a search, search
 * rank {@code rank}). Keyset paging: the next page is "what sorts after this key", so articles stored meanwhile
 * (they get larger sequence numbers) never shift a page, and there is no OFFSET to scan.
 *
 * <p>Outside it is an opaque token: base64url of {@code v1:<filter fingerprint>:<seq>:<rank bits>}. The rank is kept
 * as its exact float bits, so the next page starts exactly after the last item.
 *
 * @param filter the fingerprint of the filters it was made for ({@link ArticleFilter#fingerprint()})
 * @param seq    the last item's store sequence
 * @param rank   the last item's search rank (0 when not searching)
 */
public record Cursor(String filter, long seq, float rank) {

    private static final String VERSION = "v1";

    public String encode() {
        String plain = VERSION + ":" + filter + ":" + seq + ":" + Integer.toHexString(Float.floatToIntBits(rank));
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
        float rank;
        try {
            seq = Long.parseLong(parts[2]);
            rank = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[3], 16));
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (seq < 0 || Float.isNaN(rank)) {
            throw malformed();
        }
        if (!parts[1].equals(expectedFilter)) {
            throw ProblemException.badRequest("'cursor' belongs to a list with other filters; "
                    + "start again without a cursor");
        }
        return new Cursor(parts[1], seq, rank);
    }

    private static ProblemException malformed() {
        return ProblemException.badRequest("'cursor' is not a cursor this API gave out");
    }
}
