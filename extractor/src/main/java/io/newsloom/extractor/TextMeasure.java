package io.newsloom.extractor;

/**
 * Script-aware text measures. Chinese and Japanese have no spaces between words, so lengths are counted in
 * characters and each CJK character counts as one word; full-width punctuation counts as punctuation.
 */
final class TextMeasure {

    private TextMeasure() {}

    /** Han, kana and Hangul, by code-point ranges (cheaper than a script lookup per character). */
    static boolean isCjk(int cp) {
        if (cp < 0x2e80) {
            return false;
        }
        return cp <= 0x2fdf                        // CJK and Kangxi radicals
                || cp >= 0x3005 && cp <= 0x3007    // 々 〆 〇
                || cp >= 0x3040 && cp <= 0x30ff    // hiragana, katakana
                || cp >= 0x3130 && cp <= 0x318f    // Hangul compatibility jamo
                || cp >= 0x31f0 && cp <= 0x31ff    // katakana extensions
                || cp >= 0x3400 && cp <= 0x4dbf    // Han extension A
                || cp >= 0x4e00 && cp <= 0x9fff    // Han
                || cp >= 0xac00 && cp <= 0xd7af    // Hangul syllables
                || cp >= 0xf900 && cp <= 0xfaff    // Han compatibility
                || cp >= 0xff66 && cp <= 0xff9f    // half-width katakana
                || cp >= 0x20000 && cp <= 0x3134f; // Han extensions B and later
    }

    /** ASCII sentence and clause punctuation, looked up by character: this runs for every character of a page. */
    private static final boolean[] ASCII_PUNCTUATION = new boolean[128];

    static {
        for (char c : ",.;:!?".toCharArray()) {
            ASCII_PUNCTUATION[c] = true;
        }
    }

    /** Sentence and clause punctuation, ASCII and full-width. */
    static boolean isPunctuation(int cp) {
        if (cp < 128) {
            return ASCII_PUNCTUATION[cp];
        }
        return switch (cp) {
            case '，', '。', '、', '；', '：', '！', '？', '．', '､', '｡' -> true;
            default -> false;
        };
    }

    /**
     * The size of an extracted text: words (runs of letters and digits, plus one per CJK character) and
     * non-space characters with a CJK character counting three (about one short Latin word).
     */
    record Size(int words, int weightedChars) {}

    /** Both sizes in one pass, ASCII characters without code-point or Unicode-property look-ups. */
    static Size size(String text) {
        int words = 0, weighted = 0;
        boolean inWord = false;
        for (int i = 0, n = text.length(); i < n; ) {
            char ch = text.charAt(i);
            if (ch < 0x80) {
                i++;
                boolean wordChar = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9';
                if (wordChar && !inWord) {
                    words++;
                }
                inWord = wordChar;
                if (ch > ' ' || !isSpace(ch)) {
                    weighted++;
                }
                continue;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean cjk = isCjk(cp);
            if (cjk) {
                words++;
                inWord = false;
            } else if (Character.isLetterOrDigit(cp)) {
                if (!inWord) {
                    words++;
                }
                inWord = true;
            } else {
                inWord = false;
            }
            if (cp > 0xffff || !isSpace((char) cp)) {
                weighted += cjk ? 3 : 1;
            }
        }
        return new Size(words, weighted);
    }

    /** Collapses runs of whitespace (including full-width and non-breaking spaces) to one space and trims. */
    static String normalizeSpace(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isSpace(char c) {
        if (c > ' ' && c < 0x80) {
            return false;
        }
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b' || c == '\u3000' || c == '\ufeff'
                || c == '\u2007' || c == '\u202f';
    }

    /**
     * The length of jsoup's {@code TextNode.text().strip()} (whitespace runs as one space, zero-width space and
     * soft hyphen dropped, then spaces trimmed at both ends), counted without building either string: this runs
     * for the text nodes of every container on the page.
     */
    static int strippedTextLength(String s) {
        int length = 0; // of the normalised text so far
        int first = -1; // where the kept text starts in it
        int end = 0;    // and where it ends
        boolean lastWasWhite = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            i += width;
            if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r' || cp == '\u00a0') {
                if (!lastWasWhite) {
                    length++; // one space, which the trim removes at either end
                    lastWasWhite = true;
                }
            } else if (cp != '\u200b' && cp != '\u00ad') {
                if (!Character.isWhitespace(cp)) {
                    first = first < 0 ? length : first;
                    end = length + width;
                }
                length += width;
                lastWasWhite = false;
            }
        }
        return first < 0 ? 0 : end - first;
    }
}
