package io.newsloom.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatsTest {

    @Test
    void readsCpuAndParentOfAStatLineWithSpacesInTheName() {
        String stat = "4242 (java (main) x) S 17 4242 17 0 -1 4194560 5000 0 3 0 1234 567 0 0 20 0 40 0 100 "
                + "4000000000 60000 18446744073709551615";
        assertEquals(1234 + 567, ProcStats.cpuTicks(stat));
        assertEquals(17, ProcStats.parentPid(stat));
    }

    @Test
    void readsKilobyteFields() {
        String status = "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n";
        assertEquals(102400, ProcStats.kb(status, "VmRSS"));
        assertEquals(204800, ProcStats.kb(status, "VmHWM"));
        assertEquals(0, ProcStats.kb(status, "Pss"));
    }

    @Test
    void readsThisProcess() {
        ProcStats.Usage self = ProcStats.of((int) ProcessHandle.current().pid());
        assertTrue(self.rssKb() > 0 && self.hwmKb() >= self.rssKb() && self.cpuTicks() > 0);
    }

    @Test
    void findsTheJitCompilerThreadsOfThisJvm() {
        long sum = 0;
        for (int i = 0; i < 2_000_000; i++) {   // hot enough to be compiled
            sum += Long.toString(i).hashCode();
        }
        ProcStats.Usage self = ProcStats.of((int) ProcessHandle.current().pid());
        assertTrue(self.jitTicks() > 0 && self.jitTicks() <= self.cpuTicks(), self + " " + sum);
    }
}
