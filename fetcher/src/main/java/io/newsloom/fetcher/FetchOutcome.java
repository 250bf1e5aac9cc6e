package io.newsloom.fetcher;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** What one fetch of a URL came to. */
public sealed interface FetchOutcome {

    /** A 2xx answer within the limits. Headers are the kept ones ({@link HttpFetcher#KEPT_HEADERS}). */
    record Fetched(URI finalUri, int status, Map<String, String> headers, byte[] body, boolean truncated)
            implements FetchOutcome {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** A 304 to a conditional request: nothing new. */
    record NotModified(URI finalUri) implements FetchOutcome {
    }

    /**
     * A fetch that did not succeed.
     *
     * @param reason     readable reason, recorded and put on the dead letter
     * @param retryable  true for timeouts, connection errors, 408, 429 and 5xx; false for what will not change
     * @param retryAfter the wait the server asked for (Retry-After), or null
     * @param status     the HTTP status of the answer, or 0 when there was none
     */
    record Failed(String reason, boolean retryable, Duration retryAfter, int status) implements FetchOutcome {
        static Failed permanent(String reason) {
            return new Failed(reason, false, null, 0);
        }

        static Failed transientFailure(String reason) {
            return new Failed(reason, true, null, 0);
        }

        static Failed httpStatus(int status, String reason, boolean retryable, Duration retryAfter) {
            return new Failed(reason, retryable, retryAfter, status);
        }
    }
}
