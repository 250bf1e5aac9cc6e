package io.newsloom.extractor;

/**
 * The extraction engine's entry point. Thread-safe; never throws: a page that cannot be extracted gives
 * {@link Extraction#failed(String)} with the reason.
 */
public final class Extractor {

    public Extraction extract(Page page) {
        // Placeholder until the engine lands (issue 3): everything below is replaced.
        return Extraction.failed("extractor not implemented yet");
    }
}
