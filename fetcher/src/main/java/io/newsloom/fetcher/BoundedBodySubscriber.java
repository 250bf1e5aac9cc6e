package io.newsloom.fetcher;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit and then stops reading (cancelling the rest), so that a 20 MB or endless
 * body costs at most the limit in memory.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<BoundedBodySubscriber.RawBody> {

    /** The bytes received (at most the limit) and whether the body went on beyond it. */
    record RawBody(byte[] bytes, boolean overLimit) {
    }

    private final int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<RawBody> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBodySubscriber(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<RawBody> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int room = limit - out.size();
            int n = buffer.remaining();
            if (n > room) {
                byte[] part = new byte[room];
                buffer.get(part);
                out.write(part, 0, room);
                result.complete(new RawBody(out.toByteArray(), true));
                subscription.cancel();
                return;
            }
            byte[] all = new byte[n];
            buffer.get(all);
            out.write(all, 0, n);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new RawBody(out.toByteArray(), false));
    }
}
