package io.newsloom.extractor.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Warm pages per second of one thread for two tasks over the same pages, by thread CPU time and by wall clock.
 *
 * <p>CPU time is the headline figure because the benchmark machines are shared: other processes' builds take
 * the cores away from this thread at random moments, and that stretches wall time unevenly between the two
 * tasks even when their passes are interleaved. Thread CPU time counts only the cycles this thread ran, so the
 * ratio stays put under load; the wall-clock figures are still reported so nothing is hidden. The one thread
 * includes the garbage-collection work that allocation pushes onto it, not the collector threads' own work.
 */
final class ThroughputMeter {

    /** Pages per second of each task, by one clock. */
    record Rates(double first, double second) {
        double ratio() {
            return first / second;
        }
    }

    /** The same measurement by both clocks. */
    record Result(Rates cpu, Rates wall) {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int warmUpPasses;
    private final int timedPasses;

    ThroughputMeter(int warmUpPasses, int timedPasses) {
        this.warmUpPasses = warmUpPasses;
        this.timedPasses = timedPasses;
    }

    /**
     * Untimed warm-up passes of each task so the JIT compiles both, then timed passes that alternate between the
     * tasks, so a slow stretch of the machine falls on both alike.
     */
    Result measure(Collection<byte[]> pages, Consumer<byte[]> first, Consumer<byte[]> second) {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        for (int i = 0; i < warmUpPasses; i++) {
            pages.forEach(first);
            pages.forEach(second);
        }
        long firstCpu = 0, secondCpu = 0, firstWall = 0, secondWall = 0;
        for (int i = 0; i < timedPasses; i++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime(), wallStart = System.nanoTime();
            pages.forEach(first);
            long cpuMiddle = THREADS.getCurrentThreadCpuTime(), wallMiddle = System.nanoTime();
            pages.forEach(second);
            secondCpu += THREADS.getCurrentThreadCpuTime() - cpuMiddle;
            secondWall += System.nanoTime() - wallMiddle;
            firstCpu += cpuMiddle - cpuStart;
            firstWall += wallMiddle - wallStart;
        }
        double runs = (double) timedPasses * pages.size();
        return new Result(new Rates(perSecond(runs, firstCpu), perSecond(runs, secondCpu)),
                new Rates(perSecond(runs, firstWall), perSecond(runs, secondWall)));
    }

    private static double perSecond(double runs, long nanos) {
        return runs / (nanos / 1e9);
    }
}
