package io.newsloom.fetcher;

import io.newsloom.testkit.TestSite;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/** What the fetcher's Quarkus tests share: the run's broker, topics and database, and test sites closed at the end. */
abstract class FetcherServiceTest {

    private static final List<TestSite> SITES = new ArrayList<>();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "newsloom.topics.crawl-requests")
    String requestsTopic;
    @ConfigProperty(name = "newsloom.topics.pages")
    String pagesTopic;
    @ConfigProperty(name = "newsloom.topics.dead-letters")
    String deadLetters;
    @ConfigProperty(name = "newsloom.topics.source-commands")
    String sourceCommands;
    @Inject
    DataSource dataSource;

    /** A test site on a loopback address (a host of its own to the fetcher), closed after the test class. */
    static TestSite site(String address) {
        TestSite site = TestSite.start(address);
        SITES.add(site);
        return site;
    }

    @AfterAll
    static void stopSites() {
        SITES.forEach(TestSite::close);
        SITES.clear();
    }
}
