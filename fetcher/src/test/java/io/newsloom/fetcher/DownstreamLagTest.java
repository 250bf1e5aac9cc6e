package io.newsloom.fetcher;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.FetchedPage;
import io.newsloom.events.GroupLag;
import io.newsloom.testkit.KafkaTestClient;
import io.newsloom.testkit.TestSite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.newsloom.fetcher.Flows.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fetcher stops claiming URLs while the parsers' group has max-downstream-lag pages left to parse, and goes on
 * as they commit them. Here the test plays the parsers' group: nothing is committed until it commits. (A group with
 * neither a commit on the topic nor a member running counts 0, so the test's group commits first, at the start of
 * the empty topic.)
 */
@QuarkusTest
@TestProfile(DownstreamLagTest.ThreeBehind.class)
class DownstreamLagTest extends FetcherServiceTest {

    static final String GROUP = "backlog-test-parsers";
    static final int PAGES = 8;

    public static class ThreeBehind implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the test's group alone: no store reads the test's articles topic
            return Map.of("newsloom.fetch.max-downstream-lag", "3", "%test.newsloom.fetch.max-downstream-lag", "3",
                    "newsloom.fetch.downstream-groups", GROUP + ":${newsloom.topics.pages}",
                    "newsloom.fetch.downstream-check-interval", "100ms");
        }
    }

    @Test
    void fetchingWaitsForTheParsersToCatchUp() throws Exception {
        TestSite site = site("127.0.0.31");
        List<String> urls = IntStream.range(0, PAGES).mapToObj(i -> site.url("/story-" + i + ".html")).toList();
        for (int i = 0; i < PAGES; i++) {
            site.page("/story-" + i + ".html", "text/html", ("<html><body><p>story " + i + "</p></body></html>")
                    .getBytes());
        }
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            GroupLag lag = new GroupLag(admin, WAIT);
            admin.createTopics(List.of(new NewTopic(pagesTopic, Optional.empty(), Optional.empty()))).all().get();
            assertEquals(0, lag.lag(GROUP, pagesTopic));
            commitEverything();
            urls.forEach(url -> Flows.send(kafka, requestsTopic, url, CrawlKind.PAGE));

            assertEquals(3, published(kafka, urls, 3, WAIT).size());
            // unlimited, the other five would be fetched within 1.5 s (300 ms between requests to a host)
            Thread.sleep(3000);
            Set<String> held = published(kafka, urls, PAGES, Duration.ofSeconds(2));
            // one page may slip through while the lag read is a check interval old
            assertTrue(held.size() <= 4, "published while the parsers were behind: " + held.size());
            assertTrue(site.requests().stream().filter(r -> r.path().startsWith("/story-")).count() <= 4,
                    "pages fetched while the parsers were behind: " + site.requests());
            assertEquals(held.size(), lag.lag(GROUP, pagesTopic), "the group's lag: every page published");
            assertEquals(0, lag.lag("never-committed-" + UUID.randomUUID(), pagesTopic),
                    "a group that reads nothing there holds nothing back");

            // the parsers keep up: every page is taken as soon as it is there, and the rest follow
            long deadline = System.nanoTime() + WAIT.toNanos();
            int seen = held.size();
            while (seen < PAGES && System.nanoTime() < deadline) {
                commitEverything();
                seen = published(kafka, urls, PAGES, Duration.ofMillis(500)).size();
            }
            assertEquals(PAGES, seen, "the rest once the parsers caught up");
        } finally {
            Flows.forgetHost(dataSource, "127.0.0.31");
        }
    }

    private Set<String> published(KafkaTestClient kafka, List<String> urls, int count, Duration timeout) {
        return Flows.pages(kafka, pagesTopic, page -> urls.contains(page.url()), count, timeout).stream()
                .map(FetchedPage::url).collect(Collectors.toSet());
    }

    /** What a parser does after parsing: commit the group's offsets, here at the end of every partition. */
    private void commitEverything() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(pagesTopic).stream()
                    .map(p -> new TopicPartition(pagesTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            partitions.forEach(tp -> ends.put(tp, new OffsetAndMetadata(consumer.position(tp))));
            consumer.commitSync(ends);
        }
    }
}
