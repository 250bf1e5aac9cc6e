package io.newsloom.fetcher;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit and then stops reading (cancelling the rest), so that a 20 MB or endless
 * body costs at most the limit in memory. The bytes go straight from the client's buffers into one array, sized
 * from the announced length: a page of an honest server is copied once, not grown chunk by chunk.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<BoundedBodySubscriber.RawBody> {

    /** The bytes received (at most the limit) and whether the body went on beyond it. */
    record RawBody(byte[] bytes, boolean overLimit) {
    }

    /** The most allocated up front on the server's word: a lying Content-Length must not reserve the whole limit. */
    static final int MAX_PRESIZE = 1 << 20;
    private static final int DEFAULT_PRESIZE = 16 * 1024;

    private final int limit;
    private final CompletableFuture<RawBody> result = new CompletableFuture<>();
    private byte[] buf;
    private int size;
    private Flow.Subscription subscription;

    /** A subscriber sized from the response's Content-Length (none, or one that is not a number: a small start). */
    static BoundedBodySubscriber of(int limit, HttpHeaders headers) {
        long announced;
        try {
            announced = headers.firstValueAsLong("content-length").orElse(-1);
        } catch (NumberFormatException e) {
            announced = -1;
        }
        return new BoundedBodySubscriber(limit, announced);
    }

    /** @param announcedLength the Content-Length, or a negative number when there is none */
    BoundedBodySubscriber(int limit, long announcedLength) {
        this.limit = limit;
        long presize = announcedLength >= 0 ? announcedLength : DEFAULT_PRESIZE;
        this.buf = new byte[(int) Math.min(presize, Math.min(limit, MAX_PRESIZE))];
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
            int n = buffer.remaining();
            int take = Math.min(n, limit - size);
            if (size + take > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(size + take, 2L * buf.length)));
            }
            buffer.get(buf, size, take);
            size += take;
            if (take < n) {
                result.complete(new RawBody(bytes(), true));
                subscription.cancel();
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new RawBody(bytes(), false));
    }

    private byte[] bytes() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
}
