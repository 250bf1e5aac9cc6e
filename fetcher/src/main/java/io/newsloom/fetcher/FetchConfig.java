package io.newsloom.fetcher;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Fetch limits, under {@code newsloom.fetch.*} (environment: {@code NEWSLOOM_FETCH_*}). */
@ConfigMapping(prefix = "newsloom.fetch")
public interface FetchConfig {

    /** User-Agent sent with every request. */
    @WithDefault("NewsloomBot/0.1 (+https://github.com/newsloom/newsloom)")
    String userAgent();

    /** Time to open the connection. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Time for the whole response, headers and body. */
    @WithDefault("30s")
    Duration totalTimeout();

    /** Largest body kept, in bytes; a longer body is cut there and marked truncated. */
    @WithDefault("10485760")
    int maxBodyBytes();

    /** Redirects followed before giving up. */
    @WithDefault("5")
    int maxRedirects();
}
