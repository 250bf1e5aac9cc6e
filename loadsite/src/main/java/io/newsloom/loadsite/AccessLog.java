package io.newsloom.loadsite;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The load site's access log, one line per request, written by one background thread so that serving never waits for
 * the disk: {@code <epoch microseconds> <host> <path> <status> <bytes>}. Lines reach the file within a quarter second.
 */
public final class AccessLog implements AutoCloseable {

    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final BufferedWriter out;
    private final Thread writer;
    private volatile boolean closing;

    public AccessLog(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the access log " + file, e);
        }
        writer = new Thread(this::drain, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    public void record(Instant at, String host, String path, int status, long bytes) {
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        lines.add(micros + " " + host + " " + path + " " + status + " " + bytes);
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        try {
            while (!closing || !lines.isEmpty()) {
                String first = lines.poll(250, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    lines.drainTo(batch);
                    for (String line : batch) {
                        out.write(line);
                        out.newLine();
                    }
                    batch.clear();
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("loadsite: access log stopped: " + e);
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(5_000);
            out.close();
        } catch (InterruptedException | IOException e) {
            System.err.println("loadsite: access log not closed cleanly: " + e);
        }
    }
}
