package io.newsloom.fetcher;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.EventJson;
import io.newsloom.events.SourceCommand;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Kafka edge of the sources: the api's register and remove commands become rows of {@code fetcher.source}. While
 * PostgreSQL is away a command waits for it; only a command that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class SourceCommandConsumer {

    private final SourceStore sources;

    @Inject
    public SourceCommandConsumer(SourceStore sources) {
        this.sources = sources;
    }

    @Incoming("source-commands")
    @Blocking
    public void onSourceCommand(String json) throws SQLException, InterruptedException {
        SourceCommand command = EventJson.read(json, SourceCommand.class);
        if (command.id() == null) {
            throw new EventJson.InvalidEventException("not a valid SourceCommand: no id");
        }
        if (SourceCommand.REMOVE.equals(command.action())) {
            DatabaseRetry.whileUnreachable("remove source " + command.id(), () -> {
                sources.remove(command.id());
                return null;
            });
            return;
        }
        if (!SourceCommand.REGISTER.equals(command.action()) || command.url() == null
                || (command.kind() != CrawlKind.FEED && command.kind() != CrawlKind.SITEMAP)) {
            throw new EventJson.InvalidEventException("not a valid SourceCommand: register needs a url and a kind "
                    + "of feed or sitemap");
        }
        Duration interval;
        try {
            interval = Duration.parse(command.interval());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new EventJson.InvalidEventException("not a valid SourceCommand: interval " + command.interval());
        }
        DatabaseRetry.whileUnreachable("register source " + command.id(),
                () -> {
                    sources.register(command.id(), command.url(), command.kind(), interval);
                    return null;
                });
    }
}
