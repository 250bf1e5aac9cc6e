package io.newsloom.e2e;

import io.newsloom.events.FetchedPage;
import io.newsloom.events.Topics;
import io.newsloom.testkit.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dead-letter tool (`./newsloom dead-letters`, `replay-dead-letters`: ops/dead-letters/DeadLetters.java, run on
 * the broker's jars as users run it) lists a dead page and replays it to its topic byte for byte, a body that is not
 * UTF-8 included.
 */
class DeadLetterToolIT {

    static final String RUN = "e2e-dlt-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aDeadPageIsListedAndReplayedByteForByte() throws Exception {
        String bootstrap = ServiceProcesses.bootstrapOrSkip();
        String pages = RUN + "-pages";
        String deadLetters = RUN + "-dead-letters";
        String url = "https://big5.example.com/" + RUN;
        byte[] big5 = {(byte) 0xa4, (byte) 0xa4, (byte) 0xb0, (byte) 0xea, 0, (byte) 0xff, '<', 'p', '>'};
        byte[] value = new FetchedPage(RUN, url, url, 200, "text/html; charset=big5", Map.of(), big5, false,
                OffsetDateTime.now(), Map.of()).toRecordValue();
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetters, "big5.example.com", value);
        dead.headers().add(Topics.SCHEMA_HEADER, FetchedPage.SCHEMA.getBytes(StandardCharsets.UTF_8))
                .add("dead-letter-reason", "extraction failed: a test".getBytes(StandardCharsets.UTF_8))
                .add("dead-letter-topic", pages.getBytes(StandardCharsets.UTF_8))
                .add("dead-letter-stage", "parser".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(dead).get();
        }

        assertEquals("parser\t" + pages + "\t" + url + "\textraction failed: a test", tool(bootstrap, deadLetters,
                "list").strip());
        assertTrue(tool(bootstrap, deadLetters, "replay", "--stage", "parser").startsWith("replayed 1 of 1"));

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            List<ConsumerRecord<String, byte[]>> replayed = kafka.awaitBytes(pages, r -> true, 1,
                    Duration.ofSeconds(30));
            assertEquals(1, replayed.size(), "the page is back on " + pages);
            ConsumerRecord<String, byte[]> back = replayed.get(0);
            assertArrayEquals(value, back.value(), "the record value, body included, byte for byte");
            assertArrayEquals(big5, FetchedPage.fromRecordValue(back.value()).body());
            assertEquals("big5.example.com", back.key());
            assertEquals(FetchedPage.SCHEMA, KafkaTestClient.header(back, Topics.SCHEMA_HEADER));
            assertNull(back.headers().lastHeader("dead-letter-reason"), "the dead-letter headers stay behind");
        }
    }

    /** Runs the tool as `./newsloom` does and returns what it printed; it must exit 0. */
    private static String tool(String bootstrap, String topic, String... args) throws Exception {
        Path lib = Path.of(System.getenv().getOrDefault("NEWSLOOM_KAFKA_LIB", "/tmp/newsloom-kafka-lib"));
        Path out = Files.createTempFile("dead-letters", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of("java", "-cp", lib + "/*",
                OnePageEndToEndIT.ROOT.resolve("ops/dead-letters/DeadLetters.java").toString(), bootstrap, topic));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the tool ended");
        String printed = Files.readString(out);
        Files.delete(out);
        assertEquals(0, p.exitValue(), printed);
        // the broker's jars log through their own configuration: keep only the tool's lines
        return printed.lines().filter(l -> !l.contains(" INFO ") && !l.contains(" WARN ") && !l.startsWith("SLF4J"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
