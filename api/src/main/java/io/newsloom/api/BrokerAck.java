package io.newsloom.api;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * A write's wait for the broker's acknowledgement, without holding a thread: the worker threads are kept for the
 * reads (as many as database connections), so that writes stuck while the broker is away cannot starve them.
 */
final class BrokerAck {

    private static final Logger LOG = Logger.getLogger(BrokerAck.class);

    private BrokerAck() {
    }

    /**
     * Completes when {@code sends} did within the timeout; else fails with a 503 whose detail tells the client what
     * was not queued ({@code what}, for example "the crawl requests") and to retry.
     */
    static Uni<Void> within(Duration timeout, Uni<?> sends, String what) {
        return sends.ifNoItem().after(timeout).fail()
                .onFailure().transform(e -> {
                    LOG.warnf("%s not published: %s", what, e.toString());
                    return new ProblemException(503, "Service unavailable",
                            what + " could not be queued: the message broker did not acknowledge in time; retry later");
                })
                .replaceWithVoid();
    }
}
