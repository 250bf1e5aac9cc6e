package io.newsloom.fetcher;

import io.newsloom.events.CrawlHints;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.SQLException;

/**
 * Kafka edge of the fetcher: a crawl request enters the frontier (one short database write), and its offset is
 * committed after that write. Fetching happens in the {@link FetchLoop}, so a slow host never holds a partition. A
 * request that cannot be read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class CrawlRequestConsumer {

    private final Frontier frontier;

    @Inject
    public CrawlRequestConsumer(Frontier frontier) {
        this.frontier = frontier;
    }

    @Incoming("crawl-requests")
    @Blocking
    public void onCrawlRequest(String json) throws SQLException {
        CrawlRequest request = EventJson.read(json, CrawlRequest.class);
        if (request.url() == null || request.kind() == null || request.id() == null) {
            throw new EventJson.InvalidEventException("not a valid CrawlRequest: id, url and kind are required");
        }
        String normalised = UrlNormaliser.normalise(request.url());
        String host = CrawlRequest.hostKey(request.url());
        if (normalised == null || host.isEmpty()) {
            throw new EventJson.InvalidEventException("not a valid CrawlRequest: cannot read the URL "
                    + request.url());
        }
        // a URL found in a feed or sitemap waits for its due time; one asked for directly is due now
        boolean explicit = !request.hints().containsKey(CrawlHints.DISCOVERED_VIA);
        frontier.enqueue(new Frontier.Entry(normalised, host, request.url(), request.id(), request.kind(),
                request.hints(), request.hints().get(CrawlHints.SOURCE_ID), explicit));
    }
}
