package io.newsloom.events;

import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeLz4Test {

    @Test
    void kafkaLz4RunsNativeAndRoundTrips() {
        assertTrue(NativeLz4.enable(), "the native lz4 library loads on this platform");
        assertEquals(LZ4Factory.nativeInstance(), LZ4Factory.fastestInstance());

        byte[] value = "<p>a page, a page, a page</p>".repeat(5000).getBytes(StandardCharsets.UTF_8);
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1 << 20), Compression.lz4().build(),
                TimestampType.CREATE_TIME, 0L);
        builder.append(1L, null, value);
        MemoryRecords records = builder.build();
        assertEquals(CompressionType.LZ4, records.batches().iterator().next().compressionType());
        assertTrue(records.sizeInBytes() < value.length / 10, "compressed: " + records.sizeInBytes());
        Record read = records.records().iterator().next();
        byte[] back = new byte[read.valueSize()];
        read.value().get(back);
        assertArrayEquals(value, back);
    }
}
