package io.newsloom.api;

/** Ends a request with a problem answer; thrown for bad input and for missing things, never for bugs. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public Problem problem() {
        return new Problem("about:blank", title, status, getMessage());
    }
}
