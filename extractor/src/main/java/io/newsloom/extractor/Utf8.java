package io.newsloom.extractor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Strict UTF-8 validation without decoding: no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {

    /** Reads eight bytes at once: markup is mostly ASCII, and eight ASCII bytes are checked with one mask. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {}

    static boolean isValid(byte[] b, int from) {
        int i = from;
        int n = b.length;
        while (i < n) {
            if (i + 8 <= n && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int c = b[i];
            if (c >= 0) { // ASCII, by far the most common byte in HTML
                i++;
                continue;
            }
            c &= 0xff;
            int extra;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                extra = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                extra = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= n) {
                return false;
            }
            int cp = c & (0x3f >> extra);
            for (int k = 1; k <= extra; k++) {
                int next = b[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | next & 0x3f;
            }
            if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }
}
