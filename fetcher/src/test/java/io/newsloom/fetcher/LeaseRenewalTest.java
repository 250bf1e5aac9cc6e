package io.newsloom.fetcher;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live fetcher extends the leases of the hosts it is fetching, and only those, so that the lease can be short: a
 * killed fetcher's hosts are free again soon, a slow fetch keeps its host.
 */
@QuarkusTest
class LeaseRenewalTest {

    @Inject
    Frontier frontier;

    @Inject
    DataSource dataSource;

    @Test
    void onlyTheInstancesOwnListedHostsAreRenewed() throws Exception {
        String instance = "fetcher-test-" + UUID.randomUUID();
        String fetching = "renew-" + UUID.randomUUID() + ".example";
        String done = "renew-" + UUID.randomUUID() + ".example";
        String others = "renew-" + UUID.randomUUID() + ".example";
        lease(fetching, instance);
        lease(done, instance);
        lease(others, "fetcher-someone-else");

        assertEquals(1, frontier.renewLeases(instance, List.of(fetching, others), Duration.ofSeconds(60)));

        assertTrue(secondsLeft(fetching) > 50, "the running fetch's host holds for the new lease");
        assertTrue(secondsLeft(done) < 2, "a host not listed keeps its old lease, so it runs out");
        assertTrue(secondsLeft(others) < 2, "another instance's lease is left alone");
    }

    private void lease(String host, String instance) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO host (host, lease_until, leased_by) VALUES (?, now() + interval '1 second', ?)""")) {
            ps.setString(1, host);
            ps.setString(2, instance);
            ps.executeUpdate();
        }
    }

    private double secondsLeft(String host) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT extract(epoch FROM lease_until - now()) FROM host WHERE host = ?")) {
            ps.setString(1, host);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }
}
