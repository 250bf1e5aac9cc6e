package io.newsloom.api;

import io.newsloom.events.EventJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** One SSE client of the {@link ArticleFeed}: events named {@code article}, their id the stream position. */
final class SseSubscriber implements ArticleFeed.Listener {

    private final SseEventSink sink;
    private final Sse sse;
    private volatile boolean failed;

    SseSubscriber(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
        // a first comment sends the response headers now, so that the client knows it is connected
        send(sse.newEventBuilder().comment("newsloom article stream").build());
    }

    @Override
    public boolean deliver(ArticleFeed.Event event) {
        if (failed || sink.isClosed()) {
            return false;
        }
        send(sse.newEventBuilder().id(event.position().encode()).name("article")
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, EventJson.write(event.article()))
                .build());
        return true;
    }

    private void send(jakarta.ws.rs.sse.OutboundSseEvent event) {
        sink.send(event).whenComplete((ok, error) -> {
            if (error != null) {
                failed = true;
                sink.close();
            }
        });
    }
}
