package io.newsloom.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Headers of a record a batch consumer dead-letters itself: the record's own headers plus the ones the Kafka
 * connector's dead-letter queue sets, so that every dead letter reads the same whoever sent it.
 */
public final class DeadLetterHeaders {

    private DeadLetterHeaders() {
    }

    public static Headers of(ConsumerRecord<?, ?> record, String reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        set(headers, "dead-letter-reason", reason);
        set(headers, "dead-letter-topic", record.topic());
        set(headers, "dead-letter-partition", Integer.toString(record.partition()));
        set(headers, "dead-letter-offset", Long.toString(record.offset()));
        return headers;
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
