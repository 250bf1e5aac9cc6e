package io.newsloom.api;

import io.newsloom.events.ArticleEvent;
import io.newsloom.events.EventJson;
import io.newsloom.events.NativeLz4;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Kafka edge of the article stream: reads the article topic into the {@link ArticleFeed}. Every api instance reads
 * every partition (a group of its own, no offsets committed: nothing here needs to survive a restart); on start it
 * reads back up to the replay size per partition, so that clients resuming after a restart still find their place.
 */
@ApplicationScoped
public class ArticleTopicReader {

    private static final Logger LOG = Logger.getLogger(ArticleTopicReader.class);

    @Inject
    ArticleFeed feed;
    @Inject
    ApiConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "newsloom.topics.articles")
    String topic;

    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /** Native lz4 before the connectors start (see NativeLz4); static: this bean cannot be made that early. */
    static void useNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        NativeLz4.enable();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "article-stream-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "newsloom-api-stream-" + UUID.randomUUID(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer = c;
                c.subscribe(List.of(topic), new ReplayOnAssignment(c, config.streamReplay()));
                while (running) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofSeconds(1))) {
                        read(r);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                LOG.warnf("article stream: reading %s failed, starting again in 5 s: %s", topic, e.toString());
                sleep();
            } finally {
                consumer = null;
            }
        }
    }

    private void read(ConsumerRecord<String, String> r) {
        try {
            feed.append(r.partition(), r.offset(), EventJson.read(r.value(), ArticleEvent.class));
        } catch (EventJson.InvalidEventException e) {
            LOG.debugf("article stream: skipping %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private record ReplayOnAssignment(KafkaConsumer<String, String> consumer, int replay)
            implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                consumer.seek(p, Math.max(begin.get(p), end.get(p) - replay));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }
    }
}
