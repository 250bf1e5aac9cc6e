package io.newsloom.extractor;

/** What kind of page was extracted. Only {@link #ARTICLE} pages become articles. */
public enum PageType {
    /** A single story. */
    ARTICLE,
    /** An index, section, tag or search-results page: mostly links to stories. */
    LISTING,
    /** Anything else: error pages, empty or non-text pages. */
    OTHER
}
