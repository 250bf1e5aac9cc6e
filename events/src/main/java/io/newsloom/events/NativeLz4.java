package io.newsloom.events;

import net.jpountz.lz4.LZ4Factory;

/**
 * Makes the Kafka clients of this JVM compress and decompress lz4 with the native library that lz4-java ships. Kafka
 * asks {@code LZ4Factory.fastestInstance()} for every record batch, and that answers the native codec only once the
 * library is loaded or when lz4-java sits on the system class path; in a Quarkus application it does not, so every
 * page was compressed by the pure-Java codec at twice the CPU (ops/bench/results/pipeline-cost.md). Where the library
 * cannot be loaded (no writable temporary directory, an unsupported platform) the Java codec stays in use.
 * <p>
 * Call it before the Kafka clients start: Kafka's lz4 reader takes its codec once, when its class loads. In a Quarkus
 * service that is a {@code StartupEvent} observer at {@code Interceptor.Priority.PLATFORM_BEFORE}, which runs before
 * the messaging connectors start (at {@code LIBRARY_BEFORE}).
 */
public final class NativeLz4 {

    private NativeLz4() {
    }

    /** Loads the native codec once (the holder class is initialised once); true when Kafka's lz4 now runs native. */
    public static boolean enable() {
        return Loaded.NATIVE;
    }

    private static final class Loaded {
        static final boolean NATIVE = load();
    }

    private static boolean load() {
        System.Logger log = System.getLogger(NativeLz4.class.getName());
        try {
            LZ4Factory nativeCodec = LZ4Factory.nativeInstance();
            LZ4Factory used = LZ4Factory.fastestInstance();
            log.log(System.Logger.Level.INFO, "Kafka lz4 codec: " + used);
            return used == nativeCodec;
        } catch (Throwable e) {   // UnsatisfiedLinkError, an I/O error extracting the library
            log.log(System.Logger.Level.WARNING, "native lz4 unavailable, Kafka compresses with the Java codec: " + e);
            return false;
        }
    }
}
