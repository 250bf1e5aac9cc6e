package io.newsloom.fetcher;

/** A URL that could not be fetched; the message is the reason recorded with the dead letter. */
public class FetchFailedException extends RuntimeException {
    public FetchFailedException(String message) {
        super(message);
    }

    public FetchFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
