package io.newsloom.api;

import io.newsloom.testkit.ApiFuzz;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every parameter, path, header and body of the api given hostile values (see {@link ApiFuzz}), against the real
 * database and broker: no 5xx, errors as problem+json, no stack traces. {@code -Dnewsloom.fuzz.seed} and
 * {@code -Dnewsloom.fuzz.rounds} change the random part.
 */
@QuarkusTest
class ApiFuzzTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    DataSource dataSource;

    @Test
    void hostileRequestsAreRefusedCleanly() throws Exception {
        // the store's tables, with an article in them, so that every query runs for real
        new StoredArticles(dataSource).insert("https://example.org/fuzz/" + java.util.UUID.randomUUID(),
                "example.org", "en", "Fuzz", "A stored article for the fuzz test.", null, null);
        long seed = Long.getLong("newsloom.fuzz.seed", 20240314L);
        int rounds = Integer.getInteger("newsloom.fuzz.rounds", 1000);
        ApiFuzz fuzz = new ApiFuzz(URI.create(base.toString().replaceAll("/$", "")), "test-api-key", seed);
        List<ApiFuzz.Probe> probes = fuzz.probes(rounds);
        ApiFuzz.Report report = fuzz.run(probes);
        System.out.println(report.summary());
        report.findings().forEach(f -> System.out.println("  " + f));
        assertEquals(0, report.serverErrors(), report.summary());
        assertTrue(report.findings().isEmpty(), report.findings().size() + " violations, first: "
                + report.findings().stream().findFirst().map(Object::toString).orElse(""));
    }

    @Test
    void everyWriteWithoutTheKeyOrWithAWrongOneIs401() {
        ApiFuzz fuzz = new ApiFuzz(URI.create(base.toString().replaceAll("/$", "")), "test-api-key", 0);
        ApiFuzz.Report report = fuzz.runExpectingUnauthorized(fuzz.writesWithoutTheKey());
        System.out.println("writes without the key: " + report.sent() + " requests, statuses " + report.statuses());
        assertTrue(report.findings().isEmpty(), report.findings().toString());
    }
}
