import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;

/**
 * The dead-letter topic from outside, as a single-file program on the broker's own jars (kafka-clients, Jackson):
 *
 * <pre>
 * java -cp "KAFKA_LIB/*" DeadLetters.java BOOTSTRAP TOPIC list
 *     one line per dead letter: stage, the topic it came from, the URL it was about, the reason (tab-separated)
 * java -cp "KAFKA_LIB/*" DeadLetters.java BOOTSTRAP TOPIC replay [--reason TEXT] [--stage STAGE] [--dry-run]
 *     sends every dead letter (or those whose reason contains TEXT, of that stage) back to the topic it came from,
 *     with its original key and headers, and prints how many per topic
 * </pre>
 *
 * Both read the topic from its beginning to its end at the start, without a consumer group. Values travel as the bytes
 * they are (a page's body need not be UTF-8; see FetchedPage.toRecordValue). A replayed crawl request
 * loses its "discoveredVia" hint, so that the fetcher takes it as asked for directly and fetches it at once, even
 * though it gave the URL up before.
 */
public class DeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Dead(ConsumerRecord<String, byte[]> record, String stage, String origin, String url, String reason) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !List.of("list", "replay").contains(args[2])) {
            System.err.println("usage: DeadLetters BOOTSTRAP TOPIC list | replay [--reason TEXT] [--stage STAGE] "
                    + "[--dry-run]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        String reasonFilter = option(args, "--reason");
        String stageFilter = option(args, "--stage");
        boolean dryRun = List.of(args).contains("--dry-run");
        List<Dead> dead = readAll(bootstrap, topic);
        if (args[2].equals("list")) {
            StringBuilder out = new StringBuilder();
            for (Dead d : dead) {
                out.append(d.stage()).append('\t').append(d.origin()).append('\t').append(d.url()).append('\t')
                        .append(d.reason().replace('\t', ' ').replace('\n', ' ')).append('\n');
            }
            System.out.print(out);
            return;
        }
        List<Dead> chosen = dead.stream()
                .filter(d -> reasonFilter == null || d.reason().contains(reasonFilter))
                .filter(d -> stageFilter == null || d.stage().equals(stageFilter))
                .filter(d -> !d.origin().isEmpty())
                .toList();
        Map<String, Long> perTopic = new java.util.TreeMap<>();
        chosen.forEach(d -> perTopic.merge(d.origin(), 1L, Long::sum));
        if (!dryRun) {
            replay(bootstrap, chosen);
        }
        System.out.printf("%s %d of %d dead letters%s%n", dryRun ? "would replay" : "replayed", chosen.size(),
                dead.size(), perTopic.isEmpty() ? "" : ": " + perTopic);
    }

    private static List<Dead> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "16777216");
        List<Dead> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(2))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(dead(r));
                    }
                }
            }
        }
        return out;
    }

    private static Dead dead(ConsumerRecord<String, byte[]> r) {
        String origin = header(r, "dead-letter-topic");
        String stage = header(r, "dead-letter-stage");
        if (stage.isEmpty()) {
            // the connector's dead letters do not name their stage: the topic they came from does
            stage = origin.endsWith("pages") ? "parser" : origin.endsWith("articles") ? "store"
                    : origin.endsWith("crawl-requests") || origin.endsWith("source-commands") ? "fetcher" : "?";
        }
        String reason = header(r, "dead-letter-reason");
        String cause = header(r, "dead-letter-cause");
        if (reason.isEmpty()) {
            reason = cause.isEmpty() ? "(no reason given)" : cause;
        }
        return new Dead(r, stage, origin, url(r.value()), reason);
    }

    /**
     * The "url" field of the event (crawl request, fetched page, article), or "-" when the value is no such JSON. A
     * page's JSON ends at a NUL byte, before its body.
     */
    private static String url(byte[] value) {
        try {
            int end = 0;
            while (end < value.length && value[end] != 0) {
                end++;
            }
            JsonNode url = JSON.readTree(new String(value, 0, end, StandardCharsets.UTF_8)).get("url");
            return url != null && url.isTextual() ? url.asText() : "-";
        } catch (Exception e) {
            return "-";
        }
    }

    private static void replay(String bootstrap, List<Dead> chosen) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "16777216");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (Dead d : chosen) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(d.origin(), d.record().key(),
                        d.origin().endsWith("crawl-requests") ? asDirectRequest(d.record().value())
                                : d.record().value());
                for (Header h : d.record().headers()) {
                    if (!h.key().startsWith("dead-letter-")) {
                        record.headers().add(h);
                    }
                }
                sent.add(producer.send(record));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
    }

    private static byte[] asDirectRequest(byte[] value) {
        try {
            JsonNode request = JSON.readTree(value);
            if (request.get("hints") instanceof ObjectNode hints) {
                hints.remove("discoveredVia");
            }
            return JSON.writeValueAsBytes(request);
        } catch (Exception e) {
            return value;   // not readable JSON: the fetcher dead-letters it again, with its reason
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String option(String[] args, String name) {
        for (int i = 3; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
