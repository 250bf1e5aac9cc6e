package io.newsloom.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * 64-bit SimHash fingerprints of article text, for finding near-duplicates (mirrors, syndicated copies).
 *
 * <p>The text is cut into tokens (a word of letters and digits, or one Chinese/Japanese character, since those scripts
 * put no spaces between words), the tokens into overlapping shingles of {@value #SHINGLE} tokens, and each shingle's
 * hash votes on every bit. Texts that share most shingles get fingerprints a few bits apart; punctuation, spacing,
 * case and full-width forms do not count.
 */
public final class SimHash {

    /** Fingerprints at most this many bits apart are near-duplicates. */
    public static final int MAX_DISTANCE = 3;
    /** Fewer shingles than this say too little to call two texts the same story. */
    static final int MIN_SHINGLES = 24;
    static final int SHINGLE = 3;
    /** Bands a fingerprint is split into for the index; {@link #MAX_DISTANCE} + 1 so that a near one shares a band. */
    static final int BANDS = MAX_DISTANCE + 1;
    private static final int BAND_BITS = 64 / BANDS;

    private SimHash() {
    }

    /** The fingerprint, or empty when the text is too short to be compared. */
    public static OptionalLong of(String text) {
        List<String> tokens = tokens(text);
        int shingles = tokens.size() - SHINGLE + 1;
        if (shingles < MIN_SHINGLES) {
            return OptionalLong.empty();
        }
        int[] votes = new int[64];
        for (int i = 0; i < shingles; i++) {
            long h = hash(tokens, i);
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] += ((h >>> bit) & 1) == 1 ? 1 : -1;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return OptionalLong.of(fingerprint);
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    public static boolean near(long a, long b) {
        return distance(a, b) <= MAX_DISTANCE;
    }

    /**
     * The fingerprint's bands, each tagged with its band number ({@code band * 65536 + value}), so that equal values
     * in different bands never match.
     */
    public static Integer[] bands(long fingerprint) {
        Integer[] bands = new Integer[BANDS];
        long mask = (1L << BAND_BITS) - 1;
        for (int b = 0; b < BANDS; b++) {
            bands[b] = (int) ((b << BAND_BITS) | ((fingerprint >>> (b * BAND_BITS)) & mask));
        }
        return bands;
    }

    static List<String> tokens(String text) {
        String normal = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normal.length(); ) {
            int cp = normal.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
                flush(word, tokens);
                tokens.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else {
                flush(word, tokens);
            }
        }
        flush(word, tokens);
        return tokens;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    /** FNV-1a over the shingle's characters, then a SplitMix64 finaliser so that every output bit is well mixed. */
    private static long hash(List<String> tokens, int from) {
        long h = 0xcbf29ce484222325L;
        for (int t = from; t < from + SHINGLE; t++) {
            String token = tokens.get(t);
            for (int i = 0; i < token.length(); i++) {
                h = (h ^ token.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0x1f) * 0x100000001b3L;   // token separator: "ab c" and "a bc" differ
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
