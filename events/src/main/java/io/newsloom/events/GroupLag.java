package io.newsloom.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far consumer groups are behind on topics, read with Kafka's admin client: the records of a topic a group has
 * not committed yet. A topic's partitions are looked up once it exists (a topic's partitions are only ever added by
 * hand, and a restart picks them up).
 */
public final class GroupLag {

    private final Admin admin;
    private final long timeoutMillis;
    private final Map<String, List<TopicPartition>> partitions = new ConcurrentHashMap<>();

    public GroupLag(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeoutMillis = timeout.toMillis();
    }

    /** A consumer group and the topic it reads, written {@code group:topic}. */
    public record GroupTopic(String group, String topic) {
        @Override
        public String toString() {
            return group + ":" + topic;
        }
    }

    /**
     * Records the group has not committed on the topic; 0 while the topic does not exist, and 0 for a group that has
     * neither committed on the topic nor a member running (no such consumer): only a consumer that reads the topic
     * can fall behind on it. A group that runs but has not committed yet (it has just started) is behind by all of
     * the topic.
     */
    public long lag(String group, String topic) throws InterruptedException, ExecutionException, TimeoutException {
        return lag(List.of(new GroupTopic(group, topic)));
    }

    /** The sum of the readers' lags, each as {@link #lag(String, String)}; one end-offset request for all topics. */
    public long lag(List<GroupTopic> readers) throws InterruptedException, ExecutionException, TimeoutException {
        Map<GroupTopic, Map<TopicPartition, Long>> reading = new HashMap<>();
        Map<String, Map<TopicPartition, Long>> byGroup = committed(readers.stream().map(GroupTopic::group)
                .distinct().toList());
        for (GroupTopic r : readers) {
            Map<TopicPartition, Long> committed = byGroup.getOrDefault(r.group(), Map.of());
            if (committed.keySet().stream().anyMatch(tp -> tp.topic().equals(r.topic())) || running(r.group())) {
                reading.put(r, committed);
            }
        }
        if (reading.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> ends = endOffsets(reading.keySet().stream().map(GroupTopic::topic).distinct()
                .toList());
        long sum = 0;
        for (Map.Entry<GroupTopic, Map<TopicPartition, Long>> e : reading.entrySet()) {
            sum += lag(ends, e.getValue(), e.getKey().topic());
        }
        return sum;
    }

    private boolean running(String group) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return !admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(timeoutMillis, TimeUnit.MILLISECONDS).members().isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    /** The end offset of every partition of the topics that exist. */
    public Map<TopicPartition, Long> endOffsets(Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (String topic : topics) {
            for (TopicPartition tp : partitions(topic)) {
                specs.put(tp, OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        if (specs.isEmpty()) {
            return out;
        }
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                : admin.listOffsets(specs).all().get(timeoutMillis, TimeUnit.MILLISECONDS).entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }

    /**
     * Each group's committed offset of every partition it has committed on (none for an unknown group), in one
     * request to the coordinator: the fetcher asks every 100 ms, and the broker's cost is per request.
     */
    public Map<String, Map<TopicPartition, Long>> committed(Collection<String> groups)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, Long>> out = new HashMap<>();
        admin.listConsumerGroupOffsets(specs).all().get(timeoutMillis, TimeUnit.MILLISECONDS)
                .forEach((group, offsets) -> {
                    Map<TopicPartition, Long> committed = new HashMap<>();
                    offsets.forEach((tp, om) -> {
                        if (om != null) {
                            committed.put(tp, om.offset());
                        }
                    });
                    out.put(group, committed);
                });
        return out;
    }

    /** Records on the topic not committed yet: a partition the group never committed on counts whole. */
    public static long lag(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed, String topic) {
        return ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum();
    }

    private List<TopicPartition> partitions(String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<TopicPartition> known = partitions.get(topic);
        if (known != null) {
            return known;
        }
        try {
            known = admin.describeTopics(List.of(topic)).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                // topics are created on first use: nothing on it yet
                return List.of();
            }
            throw e;
        }
        partitions.put(topic, known);
        return known;
    }
}
