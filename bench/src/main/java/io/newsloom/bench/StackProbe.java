package io.newsloom.bench;

import io.newsloom.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Reads one {@link Sample} of the running stack: Kafka offsets and group lag, PostgreSQL counts, /proc. */
final class StackProbe implements AutoCloseable {

    static final String LOADSITE = "loadsite";
    static final String POSTGRES = "postgres";

    private final Admin admin;
    private final Connection db;
    private final Map<String, Integer> pids;
    private final LongSupplier visible;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

    StackProbe(String bootstrap, String jdbcUrl, String user, String password, Map<String, Integer> pids,
               LongSupplier visible) throws SQLException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(p);
        this.db = DriverManager.getConnection(jdbcUrl, user, password);
        this.pids = pids;
        this.visible = visible;
    }

    Sample sample(double t, String phase) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(List.of(Topics.CRAWL_REQUESTS, Topics.PAGES, Topics.ARTICLES));
        Map<TopicPartition, Long> fetcher = committed("newsloom-fetcher");
        Map<TopicPartition, Long> parser = committed("newsloom-parser");
        Map<TopicPartition, Long> store = committed("newsloom-store");
        long stored = count("SELECT count(*) FROM articles.article");
        long frontier = count("SELECT count(*) FROM fetcher.url WHERE state IN ('queued', 'fetching')");
        Map<String, ProcStats.Usage> procs = new LinkedHashMap<>();
        pids.forEach((name, pid) -> procs.put(name, name.equals(POSTGRES) ? ProcStats.tree(pid) : ProcStats.of(pid)));
        return new Sample(t, phase, sum(ends, Topics.PAGES), sum(parser, Topics.PAGES), sum(ends, Topics.ARTICLES),
                stored, visible.getAsLong(), lag(ends, fetcher, Topics.CRAWL_REQUESTS), frontier,
                lag(ends, parser, Topics.PAGES), lag(ends, store, Topics.ARTICLES), procs);
    }

    private Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (String topic : topics) {
            for (TopicPartition tp : partitions(topic)) {
                specs.put(tp, OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                : admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS).entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }

    private List<TopicPartition> partitions(String topic) throws Exception {
        List<TopicPartition> known = partitions.get(topic);
        if (known == null) {
            try {
                known = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            } catch (ExecutionException e) {
                // the services create their topics on first use: nothing on it yet
                return List.of();
            }
            partitions.put(topic, known);
        }
        return known;
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        offsets.forEach((tp, om) -> {
            if (om != null) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    private static long sum(Map<TopicPartition, Long> offsets, String topic) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Records on the topic the group has not committed yet (a partition it never committed counts whole). */
    private static long lag(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed, String topic) {
        return ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum();
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
