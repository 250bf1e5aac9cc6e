package io.newsloom.events;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/** The Kafka headers every Newsloom event carries. */
public final class EventHeaders {

    private EventHeaders() {
    }

    /** Headers naming the schema of the value, for example {@code article/1} ({@link Topics#SCHEMA_HEADER}). */
    public static Headers forSchema(String schema) {
        return new RecordHeaders().add(Topics.SCHEMA_HEADER, schema.getBytes(StandardCharsets.UTF_8));
    }
}
