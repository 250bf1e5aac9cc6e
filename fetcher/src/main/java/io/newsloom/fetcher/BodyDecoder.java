package io.newsloom.fetcher;

import org.brotli.dec.BrotliInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Undoes a Content-Encoding of gzip, deflate or br (Brotli) without ever inflating more than the limit: a small body
 * that would grow beyond {@code maxRatio} times its size (and beyond 1 MiB) is refused as a decompression bomb. Any
 * other encoding (or a list of several) is refused with a reason.
 */
final class BodyDecoder {

    /** Below this, any ratio is fine: a small page of repeated markup may compress very well. */
    static final int RATIO_FREE_BYTES = 1 << 20;

    /** The decoded body, or the reason it cannot be had. */
    record Decoded(byte[] bytes, boolean overLimit, String refusal) {
    }

    private BodyDecoder() {
    }

    static Decoded decode(String contentEncoding, byte[] raw, boolean rawCut, int limit, int maxRatio) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return new Decoded(raw, rawCut, null);
        }
        InputStream in;
        try {
            in = switch (encoding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(raw));
                case "deflate" -> deflate(raw);
                case "br" -> new BrotliInputStream(new ByteArrayInputStream(raw));
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            return new Decoded(null, false, "unreadable " + encoding + " body: " + e.getMessage());
        }
        if (in == null) {
            return new Decoded(null, false, "unsupported Content-Encoding: " + encoding);
        }
        long bombAt = Math.max(RATIO_FREE_BYTES, (long) raw.length * maxRatio);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16384];
        try (in) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                out.write(chunk, 0, n);
                if (out.size() > bombAt) {
                    return new Decoded(null, false, "decompression bomb: " + raw.length + " " + encoding
                            + " bytes inflate beyond " + bombAt + " bytes");
                }
                if (out.size() > limit) {
                    byte[] kept = java.util.Arrays.copyOf(out.toByteArray(), limit);
                    return new Decoded(kept, true, null);
                }
            }
        } catch (EOFException e) {
            // a compressed body cut at the size limit ends early: keep what inflated
            return new Decoded(out.toByteArray(), true, null);
        } catch (IOException | RuntimeException e) {
            // RuntimeException: a decoder tripping over malformed input is an unreadable body, not a crawler bug
            if (rawCut) {
                return new Decoded(out.toByteArray(), true, null);
            }
            return new Decoded(null, false, "unreadable " + encoding + " body: " + e.getMessage());
        }
        return new Decoded(out.toByteArray(), rawCut, null);
    }

    /** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: tell them apart by the header. */
    private static InputStream deflate(byte[] raw) throws ZipException {
        boolean zlib = raw.length >= 2 && (raw[0] & 0x0f) == 8 && ((raw[0] & 0xff) << 8 | (raw[1] & 0xff)) % 31 == 0;
        return new InflaterInputStream(new ByteArrayInputStream(raw), new Inflater(!zlib));
    }
}
