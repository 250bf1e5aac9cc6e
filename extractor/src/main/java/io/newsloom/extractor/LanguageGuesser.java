package io.newsloom.extractor;

import com.ibm.icu.text.Transliterator;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The page's language as a BCP 47 tag. The declaration (HTTP header, {@code lang}, meta) is trusted when the
 * text's script agrees with it; templates often keep a wrong {@code lang="en"}, so the script decides when they
 * disagree. Chinese is tagged by script: zh-Hant or zh-Hans.
 */
final class LanguageGuesser {

    private static final int SAMPLE_CHARS = 1000;
    // ICU transliterators are costly to build; these are used under their own locks.
    private static final Object LOCK = new Object();
    private static Transliterator toSimplified;
    private static Transliterator toTraditional;

    /** Compiled once: String.matches and split compile their pattern on every call. */
    private static final Pattern TAG_END = Pattern.compile("[,;\\s]");
    private static final Pattern TAG_SHAPE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern CYRILLIC_LANGUAGES = Pattern.compile("ru|uk|bg|sr|be|mk|kk");
    private static final Pattern NON_LATIN_LANGUAGES = Pattern.compile("zh|ja|ko|ru|uk|bg|ar|fa|he|el|th");

    private LanguageGuesser() {}

    static String guess(String declared, String headerLanguage, String text) {
        String sample = text == null ? "" : text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        String script = dominantScript(sample);
        String tag = normalize(headerLanguage != null && !headerLanguage.isBlank() ? headerLanguage : declared);
        if (tag != null && agrees(tag, script)) {
            return tag.equals("zh") ? chineseScript(sample) : tag;
        }
        return switch (script) {
            case "Hani" -> chineseScript(sample);
            case "Jpan" -> "ja";
            case "Hang" -> "ko";
            case "Cyrl" -> "ru";
            case "Arab" -> "ar";
            case "Grek" -> "el";
            case "Hebr" -> "he";
            case "Thai" -> "th";
            case "Latn" -> tag != null ? tag : looksEnglish(sample) ? "en" : null;
            default -> tag;
        };
    }

    /** Primary language (lower case); Chinese regions mapped to scripts. */
    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = TAG_END.split(raw.strip())[0].replace('_', '-');
        if (s.isEmpty() || !TAG_SHAPE.matcher(s).matches()) {
            return null;
        }
        String[] parts = s.toLowerCase(Locale.ROOT).split("-");
        if (parts[0].equals("zh")) {
            for (String p : parts) {
                switch (p) {
                    case "hant", "tw", "hk", "mo" -> { return "zh-Hant"; }
                    case "hans", "cn", "sg", "my" -> { return "zh-Hans"; }
                    default -> { }
                }
            }
            return "zh";
        }
        return parts[0];
    }

    private static boolean agrees(String tag, String script) {
        String lang = tag.split("-")[0];
        return switch (script) {
            case "Hani" -> lang.equals("zh") || lang.equals("ja");
            case "Jpan" -> lang.equals("ja");
            case "Hang" -> lang.equals("ko");
            case "Cyrl" -> CYRILLIC_LANGUAGES.matcher(lang).matches();
            case "Latn" -> !NON_LATIN_LANGUAGES.matcher(lang).matches();
            default -> true;
        };
    }

    /** ISO 15924 code of the script most letters are in; "Jpan" when kana appear among Han. */
    static String dominantScript(String text) {
        int han = 0, kana = 0, hangul = 0, latin = 0, cyrillic = 0, arabic = 0, greek = 0, hebrew = 0, thai = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                if (cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z') {
                    latin++;
                }
                continue;
            }
            if (!Character.isLetter(cp)) {
                continue;
            }
            switch (Character.UnicodeScript.of(cp)) {
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                case LATIN -> latin++;
                case CYRILLIC -> cyrillic++;
                case ARABIC -> arabic++;
                case GREEK -> greek++;
                case HEBREW -> hebrew++;
                case THAI -> thai++;
                default -> { }
            }
        }
        // Latin letters count a third: a Latin word is several letters, a CJK word one or two characters.
        int latinWeighted = latin / 3;
        int max = Math.max(Math.max(han + kana, hangul), Math.max(latinWeighted, Math.max(cyrillic / 3,
                Math.max(arabic / 3, Math.max(greek / 3, Math.max(hebrew / 3, thai / 2))))));
        if (max == 0) {
            return "Zyyy";
        }
        if (max == han + kana) {
            return kana * 10 > han + kana ? "Jpan" : "Hani";
        }
        if (max == hangul) {
            return "Hang";
        }
        if (max == latinWeighted) {
            return "Latn";
        }
        if (max == cyrillic / 3) {
            return "Cyrl";
        }
        if (max == arabic / 3) {
            return "Arab";
        }
        if (max == greek / 3) {
            return "Grek";
        }
        return max == hebrew / 3 ? "Hebr" : "Thai";
    }

    /**
     * zh-Hant when more characters change under traditional-to-simplified conversion than under the reverse.
     */
    static String chineseScript(String text) {
        StringBuilder han = new StringBuilder();
        for (int i = 0; i < text.length() && han.length() < 500; i++) {
            char c = text.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han.append(c);
            }
        }
        String sample = han.toString();
        String simplified, traditional;
        synchronized (LOCK) {
            if (toSimplified == null) {
                toSimplified = Transliterator.getInstance("Hant-Hans");
                toTraditional = Transliterator.getInstance("Hans-Hant");
            }
            simplified = toSimplified.transliterate(sample);
            traditional = toTraditional.transliterate(sample);
        }
        int traditionalOnly = differences(sample, simplified);
        int simplifiedOnly = differences(sample, traditional);
        return traditionalOnly > simplifiedOnly ? "zh-Hant" : "zh-Hans";
    }

    private static int differences(String a, String b) {
        int n = 0;
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                n++;
            }
        }
        return n;
    }

    private static boolean looksEnglish(String text) {
        String lower = " " + text.toLowerCase(Locale.ROOT) + " ";
        int hits = 0;
        for (String w : new String[] {" the ", " and ", " of ", " to ", " is ", " in ", " that "}) {
            if (lower.contains(w)) {
                hits++;
            }
        }
        return hits >= 4;
    }
}
