package io.newsloom.fetcher;

import java.time.Duration;

/**
 * How often to poll a source: start at the registered interval, halve it (down to a floor) when a poll finds new
 * items, and stretch it by half (up to a ceiling) when a poll finds nothing new, so busy feeds are read often and
 * quiet ones cost little.
 */
public record AdaptiveInterval(Duration floor, Duration ceiling) {

    public Duration next(Duration current, boolean changed) {
        long seconds = changed ? current.toSeconds() / 2 : current.toSeconds() + current.toSeconds() / 2;
        long bounded = Math.max(floor.toSeconds(), Math.min(ceiling.toSeconds(), seconds));
        return Duration.ofSeconds(Math.max(1, bounded));
    }
}
