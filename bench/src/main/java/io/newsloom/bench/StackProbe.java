package io.newsloom.bench;

import io.newsloom.events.GroupLag;
import io.newsloom.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;

/** Reads one {@link Sample} of the running stack: Kafka offsets and group lag, PostgreSQL counts, /proc. */
final class StackProbe implements AutoCloseable {

    static final String LOADSITE = "loadsite";
    static final String POSTGRES = "postgres";

    private final Admin admin;
    private final Connection db;
    private final Map<String, Integer> pids;
    private final LongSupplier visible;
    private final GroupLag offsets;

    StackProbe(String bootstrap, String jdbcUrl, String user, String password, Map<String, Integer> pids,
               LongSupplier visible) throws SQLException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(p);
        this.offsets = new GroupLag(admin, Duration.ofSeconds(10));
        this.db = DriverManager.getConnection(jdbcUrl, user, password);
        this.pids = pids;
        this.visible = visible;
    }

    Sample sample(double t, String phase) throws Exception {
        Map<TopicPartition, Long> ends = offsets.endOffsets(
                List.of(Topics.CRAWL_REQUESTS, Topics.PAGES, Topics.ARTICLES));
        Map<String, Map<TopicPartition, Long>> committed = offsets.committed(
                List.of("newsloom-fetcher", "newsloom-parser", "newsloom-store"));
        Map<TopicPartition, Long> fetcher = committed.getOrDefault("newsloom-fetcher", Map.of());
        Map<TopicPartition, Long> parser = committed.getOrDefault("newsloom-parser", Map.of());
        Map<TopicPartition, Long> store = committed.getOrDefault("newsloom-store", Map.of());
        long stored = count("SELECT count(*) FROM articles.article");
        long frontier = count("SELECT count(*) FROM fetcher.url WHERE state IN ('queued', 'fetching')");
        Map<String, ProcStats.Usage> procs = new LinkedHashMap<>();
        pids.forEach((name, pid) -> procs.put(name, name.equals(POSTGRES) ? ProcStats.tree(pid) : ProcStats.of(pid)));
        return new Sample(t, phase, sum(ends, Topics.PAGES), sum(parser, Topics.PAGES), sum(ends, Topics.ARTICLES),
                stored, visible.getAsLong(), GroupLag.lag(ends, fetcher, Topics.CRAWL_REQUESTS), frontier,
                GroupLag.lag(ends, parser, Topics.PAGES), GroupLag.lag(ends, store, Topics.ARTICLES), procs);
    }

    private static long sum(Map<TopicPartition, Long> offsets, String topic) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private long count(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        admin.close();
        db.close();
    }
}
