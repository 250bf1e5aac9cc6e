package io.newsloom.store;

/** What an upsert did. */
public enum StoreOutcome {
    /** A new article. */
    INSERTED,
    /** A known article whose content changed: a new version. */
    UPDATED,
    /** A known article with the same content (a redelivery or a re-fetch): nothing changed. */
    UNCHANGED
}
