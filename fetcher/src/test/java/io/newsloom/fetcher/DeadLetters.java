package io.newsloom.fetcher;

import io.newsloom.testkit.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits for the dead letter of a request and checks its reason. */
final class DeadLetters {

    private DeadLetters() {
    }

    /** The dead letter whose value contains the marker; its reason header must contain {@code reason}. */
    static ConsumerRecord<String, String> assertReason(KafkaTestClient kafka, String topic, String marker,
                                                       String reason, Duration wait) {
        ConsumerRecord<String, String> dead = kafka.awaitOne(topic, r -> r.value().contains(marker), wait);
        String actual = KafkaTestClient.header(dead, "dead-letter-reason");
        assertTrue(actual != null && actual.contains(reason), "reason was: " + actual);
        return dead;
    }
}
