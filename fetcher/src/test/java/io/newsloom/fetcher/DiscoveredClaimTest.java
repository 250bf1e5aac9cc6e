package io.newsloom.fetcher;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Feed entries are claimed (so that overlapping polls announce each once) only together with their announcement: a
 * poll that dies before the broker acknowledged the crawl requests leaves the entries to the next poll.
 */
@QuarkusTest
class DiscoveredClaimTest {

    @Inject
    Frontier frontier;

    @Test
    void entriesAreClaimedOnlyOnceAnnouncedAndLeftToTheNextPollWhenTheAnnouncementFails() throws Exception {
        String base = "http://claim-" + UUID.randomUUID() + ".example/";
        List<String> urls = List.of(base + "a", base + "b");

        assertThrows(IllegalStateException.class, () -> frontier.claimUnseen(urls, unseen -> {
            throw new IllegalStateException("the broker went away mid-announcement");
        }));

        AtomicReference<Set<String>> second = new AtomicReference<>();
        frontier.claimUnseen(urls, second::set);
        assertEquals(Set.copyOf(urls), second.get(), "the failed poll claimed nothing");

        AtomicReference<Set<String>> third = new AtomicReference<>();
        frontier.claimUnseen(urls, third::set);
        assertEquals(Set.of(), third.get(), "announced once, never again");
    }
}
