package io.newsloom.extractor;

/**
 * Script-aware text measures. Chinese and Japanese have no spaces between words, so lengths are counted in
 * characters and each CJK character counts as one word; full-width punctuation counts as punctuation.
 */
final class TextMeasure {

    private TextMeasure() {}

    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }

    /** Sentence and clause punctuation, ASCII and full-width. */
    static boolean isPunctuation(int cp) {
        return switch (cp) {
            case ',', '.', ';', ':', '!', '?', '，', '。', '、', '；', '：', '！', '？', '．', '､', '｡' -> true;
            default -> false;
        };
    }

    /** Words in a text: runs of letters/digits, plus one per CJK character. */
    static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
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
        }
        return words;
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
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b' || c == '\u3000' || c == '\ufeff'
                || c == '\u2007' || c == '\u202f';
    }

    /** Non-space characters, a CJK character counting three (about one short Latin word). */
    static int weightedLength(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp <= 0xffff && isSpace((char) cp)) {
                continue;
            }
            n += cp >= 0x2e80 && isCjk(cp) ? 3 : 1;
        }
        return n;
    }
}
