package io.newsloom.store;

import io.newsloom.events.ArticleEvent;
import io.newsloom.events.ArticleIds;
import io.newsloom.events.EventJson;
import io.newsloom.extractor.Extraction;
import io.newsloom.extractor.Extractor;
import io.newsloom.extractor.Page;
import io.newsloom.testkit.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store against the real broker and PostgreSQL. */
@QuarkusTest
class StoreFlowTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Path FIXTURES = Path.of("../extractor/src/test/resources/fixtures");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "newsloom.topics.articles")
    String articlesTopic;
    @ConfigProperty(name = "newsloom.topics.dead-letters")
    String deadLetters;
    @Inject
    DataSource dataSource;

    @Test
    void theSameEventDeliveredTwiceLeavesOneRowAndChangedContentMakesANewVersion() throws Exception {
        ArticleEvent first = article("https://example.org/" + UUID.randomUUID(), "Water levels rose again.");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(articlesTopic, first.key(), EventJson.write(first));
            kafka.send(articlesTopic, first.key(), EventJson.write(first));
            // a marker event behind the duplicate: once it is stored, the duplicate has been handled too
            ArticleEvent marker = article("https://example.org/" + UUID.randomUUID(), "Marker.");
            kafka.send(articlesTopic, first.key(), EventJson.write(marker));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", marker.id()) == 1);

            assertEquals(1, count("SELECT count(*) FROM article WHERE id = ?", first.id()));
            assertEquals(1, count("SELECT version FROM article WHERE id = ?", first.id()));
            assertEquals(1, count("SELECT count(*) FROM article_url WHERE url = ?", first.url()));

            ArticleEvent revised = revise(first, "Water levels rose again, and the dam held.");
            kafka.send(articlesTopic, revised.key(), EventJson.write(revised));
            await().atMost(WAIT).until(() -> count("SELECT version FROM article WHERE id = ?", first.id()) == 2);
            assertEquals(revised.text(), text(first.id()));
            assertEquals(1, count("SELECT count(*) FROM article WHERE id = ?", first.id()));
            // the replaced content is kept as revision 1
            assertEquals(List.of("1 " + first.contentHash() + " " + first.text()),
                    rows("SELECT version || ' ' || content_hash || ' ' || text FROM article_revision "
                            + "WHERE article_id = ?", first.id()));

            // the revised content once more changes nothing: no new version, no new revision
            kafka.send(articlesTopic, revised.key(), EventJson.write(revised));
            ArticleEvent marker2 = article("https://example.org/" + UUID.randomUUID(), "Marker.");
            kafka.send(articlesTopic, revised.key(), EventJson.write(marker2));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", marker2.id()) == 1);
            assertEquals(2, count("SELECT version FROM article WHERE id = ?", first.id()));
            assertEquals(1, count("SELECT count(*) FROM article_revision WHERE article_id = ?", first.id()));
        }
    }

    @Test
    void theSeedPageAndACopyOfItsStoryInOtherPageChromeAreLinkedAsDuplicates() throws Exception {
        byte[] seedHtml = Files.readAllBytes(FIXTURES.resolve("seed-mirror.html"));
        String seedPage = new String(seedHtml, StandardCharsets.UTF_8);
        String story = seedPage.substring(seedPage.indexOf("<div class=\"article\">"),
                seedPage.indexOf("<div class=\"related\">")).replace("</li>", "").replace("<li>", "")
                // mirrors edit a little, too
                .replace("下一步,", "記者獲悉,下一步,");
        String mirrorPage = """
                <!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8"><title>產業 | 鏡像新聞</title></head>
                <body><header><nav><a href="/">鏡像新聞</a> <a href="/a">國際</a> <a href="/b">地方</a>
                <a href="/c">評論</a></nav></header>
                <main><article>%s<p>本文轉載自XX網，版權歸原作者所有。</p></article></main>
                <aside><h3>熱門</h3><ul><li><a href="/x1">颱風明日登陸沿海地區停課</a></li>
                <li><a href="/x2">新款手機發布會今晚舉行</a></li></ul></aside>
                <footer>© 2022 鏡像新聞 版權所有 聯絡我們 隱私政策</footer></body></html>
                """.formatted(story);
        String run = UUID.randomUUID().toString();
        ArticleEvent seed = extracted("https://seed.example.com/news/" + run + ".html", seedHtml);
        ArticleEvent mirror = extracted("https://mirror.example.net/copy/" + run + ".html",
                mirrorPage.getBytes(StandardCharsets.UTF_8));
        assertNotEquals(seed.text(), mirror.text(), "the copy differs a little from the original");
        ArticleEvent unrelated = article("https://example.org/" + run, randomWords(80));
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(articlesTopic, seed.key(), EventJson.write(seed));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", seed.id()) == 1);
            kafka.send(articlesTopic, mirror.key(), EventJson.write(mirror));
            kafka.send(articlesTopic, unrelated.key(), EventJson.write(unrelated));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", mirror.id()) == 1
                    && count("SELECT count(*) FROM article WHERE id = ?", unrelated.id()) == 1);
        }
        // earlier runs stored the seed story too: then the seed itself links to the first copy ever stored
        String seedOriginal = duplicateOf(seed.id()) == null ? seed.id() : duplicateOf(seed.id());
        assertEquals(seedOriginal, duplicateOf(mirror.id()));
        assertNull(duplicateOf(unrelated.id()));
    }

    @Test
    void anArticleTheTableRefusesIsADeadLetterAndTheRestOfItsBatchIsStored() throws Exception {
        ArticleEvent before = article("https://example.org/" + UUID.randomUUID(), "Before.");
        ArticleEvent good = article("https://example.org/" + UUID.randomUUID(), "Fine.");
        OffsetDateTime beyondPostgres = OffsetDateTime.of(300000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        ArticleEvent tooLate = withPublishedAt(article("https://example.org/" + UUID.randomUUID(), "Late."),
                beyondPostgres);
        String tooLateJson = EventJson.write(tooLate);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(articlesTopic, before.key(), EventJson.write(before));
            kafka.send(articlesTopic, tooLate.key(), tooLateJson);
            kafka.send(articlesTopic, good.key(), EventJson.write(good));
            ConsumerRecord<String, String> dead = kafka.awaitOne(deadLetters, r -> r.value().equals(tooLateJson),
                    WAIT);
            assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").contains("refused"),
                    KafkaTestClient.header(dead, "dead-letter-reason"));
            assertEquals(tooLate.key(), dead.key());
            assertEquals(articlesTopic, KafkaTestClient.header(dead, "dead-letter-topic"));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", good.id()) == 1
                    && count("SELECT count(*) FROM article WHERE id = ?", before.id()) == 1);
            assertEquals(0, count("SELECT count(*) FROM article WHERE id = ?", tooLate.id()));
        }
    }

    @Test
    void eventsThatCannotBeStoredBecomeDeadLettersAndThePartitionMovesOn() throws Exception {
        ArticleEvent good = article("https://example.org/" + UUID.randomUUID(), "Fine.");
        String badId = EventJson.write(good).replace(good.id(), "NOT-AN-ID");
        String notJson = "<html>" + UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(articlesTopic, good.key(), notJson);
            kafka.send(articlesTopic, good.key(), badId);
            kafka.send(articlesTopic, good.key(), EventJson.write(good));
            ConsumerRecord<String, String> dead = kafka.awaitOne(deadLetters, r -> r.value().equals(notJson), WAIT);
            assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").contains("not a valid ArticleEvent"));
            dead = kafka.awaitOne(deadLetters, r -> r.value().equals(badId), WAIT);
            assertTrue(KafkaTestClient.header(dead, "dead-letter-reason").contains("id must be"));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", good.id()) == 1);
        }
    }

    @Test
    void nulCharactersDoNotLoseTheArticle() throws Exception {
        ArticleEvent withNul = article("https://example.org/" + UUID.randomUUID(), "Before\0after.");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(articlesTopic, withNul.key(), EventJson.write(withNul));
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM article WHERE id = ?", withNul.id()) == 1);
            assertEquals("Beforeafter.", text(withNul.id()));
        }
    }

    @Test
    void healthChecksPostgresAndTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    static ArticleEvent article(String url, String text) {
        OffsetDateTime t = OffsetDateTime.of(2024, 3, 14, 9, 30, 0, 0, ZoneOffset.ofHours(8));
        return new ArticleEvent(ArticleIds.fromUrl(url), url, url, "example.org", "Dam", List.of("Ann Lee"), t, null,
                t, "en", null, text, "<p>" + text + "</p>", null, List.of("weather"), text.split(" ").length,
                ArticleIds.sha256Hex("Dam\n" + text), null, null);
    }

    static ArticleEvent revise(ArticleEvent a, String text) {
        return new ArticleEvent(a.id(), a.url(), a.canonicalUrl(), a.site(), a.title(), a.authors(), a.publishedAt(),
                a.modifiedAt(), a.fetchedAt(), a.language(), a.description(), text, a.html(), a.imageUrl(), a.tags(),
                a.wordCount(), ArticleIds.sha256Hex(a.title() + "\n" + text), null, null);
    }

    static ArticleEvent withPublishedAt(ArticleEvent a, OffsetDateTime publishedAt) {
        return new ArticleEvent(a.id(), a.url(), a.canonicalUrl(), a.site(), a.title(), a.authors(), publishedAt,
                a.modifiedAt(), a.fetchedAt(), a.language(), a.description(), a.text(), a.html(), a.imageUrl(),
                a.tags(), a.wordCount(), a.contentHash(), null, null);
    }

    /** The article event the parser would publish for this page. */
    static ArticleEvent extracted(String url, byte[] html) {
        Extraction e = new Extractor().extract(new Page(url, html, Map.of("content-type", "text/html; charset=utf-8"),
                OffsetDateTime.now(ZoneOffset.UTC)));
        assertTrue(e.isArticle(), "extracted " + url + ": " + e.error());
        return new ArticleEvent(ArticleIds.fromUrl(url), url, url, URI.create(url).getHost(), e.title(), e.authors(),
                e.publishedAt(), e.modifiedAt(), OffsetDateTime.now(ZoneOffset.UTC), e.language(), e.description(),
                e.text(), e.html(), e.imageUrl(), e.tags(), e.wordCount(),
                ArticleIds.sha256Hex(e.title() + "\n" + e.text()), null, null);
    }

    static String randomWords(int n) {
        Random random = new Random();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int c = 0, length = 3 + random.nextInt(6); c < length; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append(i % 12 == 11 ? ".\n" : " ");
        }
        return text.toString().strip();
    }

    private String duplicateOf(String id) throws SQLException {
        List<String> found = rows("SELECT duplicate_of FROM article WHERE id = ?", id);
        assertEquals(1, found.size());
        return found.get(0);
    }

    private List<String> rows(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    private int count(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private String text(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT text FROM article WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
