package io.newsloom.extractor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reduces bylines to names: no "By", "記者", "作者:", job titles, dates or e-mail addresses. */
final class AuthorCleaner {

    private static final Pattern PREFIX = Pattern.compile(
            "^(?i)(?:by|written by|posted by|words by|author|authors|reporter|byline|von|par|por)\\s*[:：]?\\s+"
                    + "|^(?:作者|記者|记者|文|撰稿|編輯|编辑|責任編輯|责任编辑|來源|来源|本報記者|本报记者)\\s*[:：／/]?\\s*");
    private static final Pattern SPLIT = Pattern.compile("\\s*(?:,|，|、|;|；|/|\\||\\band\\b|&|\\s和\\s)\\s*");
    private static final Pattern TITLE_WORDS = Pattern.compile(
            "(?i)\\b(?:staff writer|senior|correspondent|editor|reporter|contributor|columnist|writer|"
                    + "news service|associated press|updated|published)\\b.*$");
    private static final Pattern NOT_A_NAME = Pattern.compile("(?i)^(?:staff|admin|editor|unknown|null)$"
            + "|https?://|@|\\d{4}");

    /** Compiled once: String.replaceAll and split compile their pattern on every call. */
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$");
    private static final Pattern ROLE_SUFFIX = Pattern.compile("(?:報導|报道|報道|攝|摄)$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private AuthorCleaner() {}

    static List<String> clean(Iterable<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String byline : raw) {
            if (byline == null) {
                continue;
            }
            String s = TextMeasure.normalizeSpace(byline);
            if (s.contains("://") || s.startsWith("www.")) {
                continue; // a profile link, not a name
            }
            for (int i = 0; i < 3; i++) {
                s = PREFIX.matcher(s).replaceFirst("").strip();
            }
            for (String part : SPLIT.split(s)) {
                String name = PREFIX.matcher(part.strip()).replaceFirst("");
                name = TITLE_WORDS.matcher(name).replaceFirst("").strip();
                name = EDGE_PUNCTUATION.matcher(name).replaceAll("");
                // Chinese bylines often end with a role: "記者王小明報導".
                name = ROLE_SUFFIX.matcher(name).replaceAll("").strip();
                if (name.isEmpty() || name.length() > 60 || NOT_A_NAME.matcher(name).find()
                        || SPACES.split(name).length > 5) {
                    continue;
                }
                out.add(name);
            }
        }
        return new ArrayList<>(dedupeCase(out));
    }

    private static Set<String> dedupeCase(Set<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (seen.add(n.toLowerCase(Locale.ROOT))) {
                out.add(n);
            }
        }
        return out;
    }
}
