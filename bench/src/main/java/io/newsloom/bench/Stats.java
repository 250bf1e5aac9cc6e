package io.newsloom.bench;

import java.util.Arrays;
import java.util.List;

/** Small pure statistics over the benchmark's measurements. */
final class Stats {

    private Stats() {
    }

    /** The nearest-rank percentile ({@code p} in 0..100) of the values; NaN when there are none. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** A cumulative count at a time (seconds). */
    record Point(double t, long count) {
    }

    /**
     * The sustained rate of a cumulative count: the items between the first time it reached 10 % and the first time
     * it reached 90 % of its final value, over that time. Start-up (feeds, robots.txt, JIT) and the drain at the end
     * stay out of the figure. 0 when the count never moved.
     */
    static double sustainedRate(List<Point> points) {
        if (points.isEmpty()) {
            return 0;
        }
        long base = points.get(0).count();
        long total = points.get(points.size() - 1).count() - base;
        if (total <= 0) {
            return 0;
        }
        Double t10 = null;
        Double t90 = null;
        long c10 = 0;
        long c90 = 0;
        for (Point p : points) {
            long done = p.count() - base;
            if (t10 == null && done >= 0.1 * total) {
                t10 = p.t();
                c10 = done;
            }
            if (t90 == null && done >= 0.9 * total) {
                t90 = p.t();
                c90 = done;
            }
        }
        if (t10 == null || t90 == null || t90 <= t10) {
            return 0;
        }
        return (c90 - c10) / (t90 - t10);
    }

    /** The highest rate of a cumulative count over any window of {@code window} consecutive points. */
    static double peakRate(List<Point> points, int window) {
        double best = 0;
        for (int i = window; i < points.size(); i++) {
            Point a = points.get(i - window);
            Point b = points.get(i);
            if (b.t() > a.t()) {
                best = Math.max(best, (b.count() - a.count()) / (b.t() - a.t()));
            }
        }
        return best;
    }
}
