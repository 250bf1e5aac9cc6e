package io.newsloom.api;

import io.newsloom.events.EventJson;
import io.newsloom.testkit.KafkaTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web page at / in headless Chromium: search, read, and see new articles arrive on the live stream. */
@QuarkusTest
class WebPageTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "newsloom.topics.articles")
    String articlesTopic;
    @TestHTTPResource("/")
    URL page;

    @Test
    void searchReadAndWatchNewArticlesArrive() throws Exception {
        Path chromium = HeadlessChromium.binary();
        if (chromium == null) {
            // ./newsloom test installs it; elsewhere (a laptop with Dev Services) the test needs it installed
            assertNotEquals("true", System.getenv("NEWSLOOM_E2E_REQUIRED"),
                    "chromium is not installed (Debian package chromium)");
            Assumptions.abort("chromium is not installed (Debian package chromium)");
        }
        // letters only (a search word), from a UUID's first 8 hex digits: 0-f as a-p
        String hex = UUID.randomUUID().toString();
        StringBuilder letters = new StringBuilder("zw");
        for (int i = 0; i < 8; i++) {
            letters.append((char) ('a' + Character.digit(hex.charAt(i), 16)));
        }
        String token = letters.toString();
        String title = "地铁 " + token + " opens";
        String id = new StoredArticles(dataSource).insert("https://web.example/" + token, "web.example", "zh-Hans",
                title, "第一段：地铁新线开通。\nSecond paragraph about " + token + ".", OffsetDateTime.now(), null);

        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            browser.open(page.toString());
            browser.await("document.querySelector('#live-state').textContent", v -> v.asText().equals("connected"),
                    WAIT);

            // search by the unique word and by Chinese characters
            browser.eval("document.querySelector('#q').value = '" + token + " 地铁';"
                    + "document.querySelector('#search').requestSubmit(); true");
            browser.await("[...document.querySelectorAll('#results li')].map(li => li.dataset.id).join(',')",
                    v -> v.asText().equals(id), WAIT);

            // open it in the reader: the text, one paragraph per line
            browser.eval("document.querySelector('#results li a').click(); true");
            browser.await("[...document.querySelectorAll('#reader-text p')].map(p => p.textContent).join('|')",
                    v -> v.asText().equals("第一段：地铁新线开通。|Second paragraph about " + token + "."), WAIT);
            assertTrue(browser.eval("document.querySelector('#reader-title').textContent").asText().equals(title));

            // an article published on the topic appears in the live list without a reload
            var fresh = ArticleStreamTest.article("Fresh " + token);
            try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
                kafka.send(articlesTopic, fresh.key(), EventJson.write(fresh));
            }
            browser.await("[...document.querySelectorAll('#live li')].map(li => li.dataset.id).join(',')",
                    v -> v.asText().contains(fresh.id()), WAIT);
            assertTrue(browser.eval("document.querySelector('#live li[data-id=\"" + fresh.id() + "\"] a').textContent")
                    .asText().equals("Fresh " + token));
        }
    }
}
