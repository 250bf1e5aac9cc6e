package io.newsloom.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        double[] v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertEquals(5, Stats.percentile(v, 50));
        assertEquals(10, Stats.percentile(v, 99));
        assertEquals(1, Stats.percentile(v, 0));
        assertEquals(Double.NaN, Stats.percentile(new double[0], 50));
    }

    @Test
    void sustainedRateLeavesOutStartAndDrain() {
        List<Stats.Point> points = new ArrayList<>();
        // 10 s of nothing, then 100/s for 10 s, then a slow tail of 1/s for 10 s
        for (int t = 0; t <= 10; t++) {
            points.add(new Stats.Point(t, 0));
        }
        for (int t = 11; t <= 20; t++) {
            points.add(new Stats.Point(t, 100L * (t - 10)));
        }
        for (int t = 21; t <= 30; t++) {
            points.add(new Stats.Point(t, 1000 + (t - 20)));
        }
        assertEquals(100, Stats.sustainedRate(points), 0.001);
        assertEquals(100, Stats.peakRate(points, 5), 0.001);
        assertEquals(0, Stats.sustainedRate(List.of(new Stats.Point(0, 5), new Stats.Point(1, 5))));
    }
}
