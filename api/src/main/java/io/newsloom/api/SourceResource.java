package io.newsloom.api;

import io.newsloom.events.EventHeaders;
import io.newsloom.events.EventJson;
import io.newsloom.events.SourceCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Registered sources. Changes go to the fetcher as commands on the source-commands topic (202 once the broker has
 * them; the fetcher owns the sources); the list is read from the fetcher's table.
 */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    /** The answer of {@code GET /api/v1/sources}. */
    public record SourceList(List<SourceQueries.SourceView> items) {
    }

    @Inject
    @Channel("source-commands")
    MutinyEmitter<String> commands;

    @Inject
    ApiConfig config;

    @Inject
    SourceQueries queries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(SourceRegistration registration) {
        if (registration == null) {
            throw ProblemException.badRequest(
                    "the body must be {\"url\": ..., \"kind\": \"feed\", \"interval\": \"PT15M\"}");
        }
        SourceCommand command = registration.toCommand(config.minSourceInterval(), OffsetDateTime.now(ZoneOffset.UTC));
        return publish(command).replaceWith(() -> Response.accepted(Map.of("id", command.id(), "url", command.url(),
                "kind", command.kind().json(), "interval", command.interval())).type(MediaType.APPLICATION_JSON).build());
    }

    @GET
    public SourceList list() throws SQLException {
        return new SourceList(queries.all());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> remove(@PathParam("id") String id) {
        if (id == null || !id.matches("[0-9a-f]{16}")) {
            throw ProblemException.badRequest("a source id is 16 hex characters");
        }
        return publish(SourceCommand.remove(id, OffsetDateTime.now(ZoneOffset.UTC)))
                .replaceWith(() -> Response.accepted(Map.of("id", id)).type(MediaType.APPLICATION_JSON).build());
    }

    private Uni<Void> publish(SourceCommand command) {
        return BrokerAck.within(config.publishTimeout(), commands.sendMessage(Message.of(EventJson.write(command))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(command.key())
                        .withHeaders(EventHeaders.forSchema(SourceCommand.SCHEMA))
                        .build())), "the source change");
    }
}
