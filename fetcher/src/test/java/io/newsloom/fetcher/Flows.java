package io.newsloom.fetcher;

import io.newsloom.events.CrawlKind;
import io.newsloom.events.CrawlRequest;
import io.newsloom.events.EventJson;
import io.newsloom.events.FetchedPage;
import io.newsloom.testkit.KafkaTestClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** What the fetcher's flow tests share: sending crawl requests, reading pages, the frontier row and the metrics. */
final class Flows {

    static final Duration WAIT = Duration.ofSeconds(60);

    private Flows() {
    }

    static CrawlRequest send(KafkaTestClient kafka, String topic, String url, CrawlKind kind) {
        CrawlRequest request = new CrawlRequest(UUID.randomUUID().toString(), url, kind, OffsetDateTime.now(),
                Map.of());
        kafka.send(topic, request.key(), EventJson.write(request));
        return request;
    }

    static FetchedPage page(KafkaTestClient kafka, String topic, String url) {
        return pages(kafka, topic, page -> page.url().equals(url), 1, WAIT).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no page of " + url + " on topic " + topic + " within " + WAIT));
    }

    /** The pages on the topic that match, read from the beginning until {@code count} match or the time is up. */
    static List<FetchedPage> pages(KafkaTestClient kafka, String topic, Predicate<FetchedPage> match, int count,
                                   Duration timeout) {
        return kafka.awaitBytes(topic, r -> match.test(FetchedPage.fromRecordValue(r.value())), count, timeout)
                .stream().map(r -> FetchedPage.fromRecordValue(r.value())).toList();
    }

    /** A URL's row in the frontier. */
    record Row(String state, int attempts, String reason, Integer lastStatus) {
    }

    static Row row(DataSource dataSource, String url) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state, attempts, reason, last_status FROM fetcher.url WHERE url = ?")) {
            ps.setString(1, UrlNormaliser.normalise(url));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Row(rs.getString(1), rs.getInt(2), rs.getString(3),
                        (Integer) rs.getObject(4)) : null;
            }
        }
    }

    /** Removes what a test left in the frontier for a host, so that no later test (or run) fetches it. */
    static void forgetHost(DataSource dataSource, String host) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement urls = c.prepareStatement("DELETE FROM fetcher.url WHERE host = ?");
             PreparedStatement hosts = c.prepareStatement("DELETE FROM fetcher.host WHERE host = ?")) {
            urls.setString(1, host);
            urls.executeUpdate();
            hosts.setString(1, host);
            hosts.executeUpdate();
        }
    }

    /** The samples of {@code /q/metrics}, by name with its labels, e.g. {@code x_total{status="2xx"}}. */
    static Map<String, Double> metrics() {
        Map<String, Double> out = new HashMap<>();
        for (String line : given().when().get("/q/metrics").then().statusCode(200).extract().asString()
                .split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String key = line.substring(0, space).trim().replace(",}", "}");
            out.put(key, Double.parseDouble(line.substring(space + 1).trim()));
        }
        return out;
    }

    /** A sample's value, 0 when it is not (yet) there. */
    static double value(Map<String, Double> metrics, String key) {
        return metrics.getOrDefault(key, 0.0);
    }
}
