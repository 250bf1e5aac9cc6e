package io.newsloom.api;

import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventHeaders;
import io.newsloom.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Accepts crawl requests. 202 means every request is on the crawl-requests topic (acknowledged by the broker); when
 * the broker cannot take them the answer is 503 and the client should retry.
 */
@Path("/api/v1/crawl")
public class CrawlResource {

    @Inject
    @Channel("crawl-requests")
    MutinyEmitter<String> crawlRequests;

    @Inject
    ApiConfig config;

    @Inject
    CrawlRateLimit rateLimit;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> crawl(CrawlSubmission submission, @Context HttpServerRequest http) {
        if (submission == null) {
            throw ProblemException.badRequest("the body must be {\"urls\": [...], \"kind\": \"page\"}");
        }
        List<CrawlRequest> requests = submission.toRequests(config.maxCrawlUrls(), OffsetDateTime.now(ZoneOffset.UTC));
        // after the checks: a submission that is refused anyway costs the client nothing
        rateLimit.admit(http);
        Uni<List<Void>> sends = Uni.join().all(requests.stream().map(this::publish).toList()).andFailFast();
        return BrokerAck.within(config.publishTimeout(), sends, "the crawl requests").replaceWith(() ->
                Response.accepted(Map.of("accepted", requests.size())).type(MediaType.APPLICATION_JSON).build());
    }

    private Uni<Void> publish(CrawlRequest request) {
        return crawlRequests.sendMessage(Message.of(EventJson.write(request)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(request.key())
                        .withHeaders(EventHeaders.forSchema(CrawlRequest.SCHEMA))
                        .build()));
    }
}
