package io.newsloom.extractor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a page says about itself, gathered from JSON-LD, meta tags, microdata and {@code <time>}. Raw strings:
 * cleaning (title suffixes, author prefixes, dates) happens later. Fields are filled first-come, so sources
 * are read in order of trust.
 */
final class Metadata {
    String title;
    String headline;
    final Set<String> authors = new LinkedHashSet<>();
    String published;
    String modified;
    String description;
    String imageUrl;
    String canonicalUrl;
    String siteName;
    final Set<String> tags = new LinkedHashSet<>();
    String declaredLanguage;
    /** schema.org types and og:type seen on the page (lower case). */
    final List<String> types = new ArrayList<>();

    boolean declaresArticle() {
        for (String t : types) {
            if (t.endsWith("article") || t.equals("blogposting") || t.equals("report") || t.equals("newsarticle")) {
                return true;
            }
        }
        return false;
    }

    boolean declaresListing() {
        for (String t : types) {
            if (t.equals("collectionpage") || t.equals("searchresultspage") || t.equals("itemlist")) {
                return true;
            }
        }
        return false;
    }

    static String firstNonBlank(String current, String candidate) {
        if (current != null && !current.isBlank()) {
            return current;
        }
        return candidate == null || candidate.isBlank() ? current : candidate.strip();
    }
}
