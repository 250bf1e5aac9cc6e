import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.*;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import java.io.*;
import java.lang.management.*;
import java.nio.ByteBuffer;
import java.nio.file.*;
import java.util.*;
import java.util.zip.GZIPInputStream;

/** Kafka record-batch compression of page events (JSON, base64 body) as the fetcher sends them: CPU per page. */
public class CodecBench {
    public static void main(String[] a) throws Exception {
        List<byte[]> pages = new ArrayList<>();
        for (Path p : Files.list(Path.of(a[0])).sorted().toList()) {
            byte[] html; try (var in = new GZIPInputStream(Files.newInputStream(p))) { html = in.readAllBytes(); }
            String json = "{\"requestId\":\"x\",\"url\":\"http://h/p\",\"finalUrl\":\"http://h/p\",\"status\":200,\"body\":\""
                + Base64.getEncoder().encodeToString(html) + "\",\"truncated\":false}";
            pages.add(json.getBytes());
        }
        long raw = pages.stream().mapToLong(b -> b.length).sum();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String codec : new String[]{"none", "lz4", "zstd", "zstd1", "snappy", "none", "lz4", "zstd", "zstd1", "snappy", "none", "lz4", "zstd", "zstd1", "snappy"}) {
            Compression c = switch (codec) { case "lz4" -> Compression.lz4().build(); case "zstd" -> Compression.zstd().build(); case "zstd1" -> Compression.zstd().level(1).build();
                case "snappy" -> Compression.snappy().build(); case "gzip" -> Compression.gzip().build(); default -> Compression.NONE; };
            long bytes = 0; int n = 0; long t0 = mx.getCurrentThreadCpuTime(); long dcpu = 0;
            for (int round = 0; round < 5; round++) for (byte[] v : pages) {
                MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(v.length + 1024), c, TimestampType.CREATE_TIME, 0L);
                b.append(0L, null, v);
                MemoryRecords recs = b.build();
                bytes += recs.sizeInBytes(); n++;
                long d0 = mx.getCurrentThreadCpuTime();
                for (org.apache.kafka.common.record.Record r : recs.records()) { ByteBuffer bb = r.value(); bb.get(new byte[bb.remaining()]); }
                dcpu += mx.getCurrentThreadCpuTime() - d0;
            }
            long cpu = mx.getCurrentThreadCpuTime() - t0 - dcpu;
            System.out.printf("%-6s compress %.2f ms/page  decompress %.2f ms/page  size %.0f%% of %d KB/page%n", codec,
                cpu / 1e6 / n, dcpu / 1e6 / n, 100.0 * bytes / (raw * 5), raw / pages.size() / 1024);
        }
    }
}
