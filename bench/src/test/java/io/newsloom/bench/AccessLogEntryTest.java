package io.newsloom.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogEntryTest {

    @Test
    void readsALine() {
        AccessLogEntry e = AccessLogEntry.parse("1764440000123456 127.0.0.10 /news/64.html 200 5120");
        assertEquals(1764440000123456L, e.micros());
        assertEquals("127.0.0.10", e.host());
        assertEquals(200, e.status());
        assertTrue(e.isPage());
        assertTrue(!AccessLogEntry.parse("1 127.0.0.10 /robots.txt 200 40").isPage());
    }

    @Test
    void gapsArePerHostInArrivalOrder() {
        List<AccessLogEntry> log = List.of(
                AccessLogEntry.parse("3000 127.0.0.10 /news/1.html 200 1"),
                AccessLogEntry.parse("1000 127.0.0.10 /robots.txt 200 1"),
                AccessLogEntry.parse("1500 127.0.0.11 /robots.txt 200 1"),
                AccessLogEntry.parse("2500 127.0.0.11 /news/2.html 200 1"),
                AccessLogEntry.parse("9000 127.0.0.10 /news/3.html 200 1"));
        double[] gaps = AccessLogEntry.hostGapsMillis(log);
        Arrays.sort(gaps);
        assertArrayEquals(new double[] {1, 2, 6}, gaps, 1e-9);
    }
}
