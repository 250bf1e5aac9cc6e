package io.newsloom.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Store settings, under {@code newsloom.store.*} (environment: {@code NEWSLOOM_STORE_*}). */
@ConfigMapping(prefix = "newsloom.store")
public interface StoreConfig {

    /** First wait before retrying a write while PostgreSQL is unreachable. */
    @WithDefault("200ms")
    Duration retryInitialDelay();

    /** Longest wait between retries. */
    @WithDefault("5s")
    Duration retryMaxDelay();

    /** Most article events written in one transaction (the Kafka consumer's max.poll.records). */
    @WithDefault("200")
    int batchSize();
}
