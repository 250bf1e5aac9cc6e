package io.newsloom.api;

import java.time.Duration;

/** Ends a request with a problem answer; thrown for bad input and for missing things, never for bugs. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Duration retryAfter;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    private ProblemException(int status, String title, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    /** A 429 telling the client how long to wait (the header Retry-After). */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, "Too many requests", detail, retryAfter);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    /** The wait to send as Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Problem problem() {
        return new Problem("about:blank", title, status, getMessage());
    }
}
