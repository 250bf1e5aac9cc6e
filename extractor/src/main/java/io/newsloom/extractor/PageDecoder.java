package io.newsloom.extractor;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw bytes into text. Order of trust: byte-order mark, HTTP Content-Type, {@code <meta>} in the first
 * bytes, then statistical detection (ICU4J) when nothing is declared or the declaration does not decode the
 * bytes cleanly.
 */
final class PageDecoder {

    /**
     * The charset to read the body with, and the decoded text when decoding was needed to choose it (null when
     * the body is valid UTF-8, which the parser then reads straight from the bytes).
     */
    record Decoded(String text, String charset, int offset) {
        Decoded(String text, String charset) {
            this(text, charset, 0);
        }
    }

    private static final Pattern HEADER_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([\\w.:-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    /** How much of the page a meta declaration is looked for in, and detection runs on. */
    private static final int SNIFF_BYTES = 8192;
    private static final int DETECT_BYTES = 64 * 1024;

    private PageDecoder() {}

    static Decoded decode(byte[] body, Map<String, String> headers) {
        Charset bom = bomCharset(body);
        if (bom == StandardCharsets.UTF_8 && Utf8.isValid(body, 3)) {
            return new Decoded(null, bom.name(), 3);
        }
        if (bom != null) {
            int skip = bom == StandardCharsets.UTF_8 ? 3 : 2;
            return new Decoded(new String(body, skip, body.length - skip, bom), bom.name());
        }
        Charset declared = charsetNamed(headerCharset(headers));
        if (declared == null) {
            declared = charsetNamed(metaCharset(body));
        }
        if (declared != null) {
            // A page declared as a single-byte charset that is valid multi-byte UTF-8 was mislabelled.
            if ((declared == StandardCharsets.UTF_8 || isSingleByte(declared) && hasNonAscii(body))
                    && Utf8.isValid(body, 0)) {
                return new Decoded(null, StandardCharsets.UTF_8.name());
            }
            String text = strictDecode(body, declared);
            if (text != null) {
                return new Decoded(text, declared.name());
            }
        }
        if (declared != StandardCharsets.UTF_8 && Utf8.isValid(body, 0)) {
            return new Decoded(null, StandardCharsets.UTF_8.name());
        }
        Charset detected = detect(body);
        return new Decoded(new String(body, detected), detected.name());
    }

    private static Charset bomCharset(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static String headerCharset(Map<String, String> headers) {
        String type = headers.get("content-type");
        if (type == null) {
            return null;
        }
        Matcher m = HEADER_CHARSET.matcher(type);
        return m.find() ? m.group(1) : null;
    }

    private static String metaCharset(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        // The pattern is tried only where a tag "<meta" starts, found by a plain character search: a case-blind
        // regex search would try every position of the 8 KB. Same first match as find().
        Matcher m = META_CHARSET.matcher(head);
        for (int at = head.indexOf('<'); at >= 0; at = head.indexOf('<', at + 1)) {
            if (head.regionMatches(true, at + 1, "meta", 0, 4) && m.region(at, head.length()).lookingAt()) {
                return m.group(1);
            }
        }
        return null;
    }

    static Charset charsetNamed(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        // Browsers read these labels as supersets; so do we, so that real pages decode as they display.
        n = switch (n) {
            case "gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312" -> "GB18030";
            case "big5", "big-5", "x-x-big5", "csbig5" -> "Big5-HKSCS";
            case "iso-8859-1", "latin1", "us-ascii", "ascii" -> "windows-1252";
            case "shift_jis", "sjis", "x-sjis" -> "windows-31j";
            case "euc-kr" -> "x-windows-949";
            default -> n;
        };
        try {
            return Charset.forName(n);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isSingleByte(Charset cs) {
        return cs.newEncoder().maxBytesPerChar() <= 1.0f;
    }

    private static boolean hasNonAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /** The text, or null when the bytes are not valid in that charset. */
    static String strictDecode(byte[] body, Charset cs) {
        if (cs == StandardCharsets.UTF_8) {
            // The JDK's own UTF-8 path is much faster than a CharsetDecoder; it marks bad bytes with U+FFFD,
            // and only then is the slow strict check needed to tell them from a real U+FFFD in the page.
            String fast = new String(body, StandardCharsets.UTF_8);
            if (fast.indexOf('\ufffd') < 0) {
                return fast;
            }
        }
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Sized for the worst case up front: one decode pass, no buffer growth.
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 1);
        ByteBuffer in = ByteBuffer.wrap(body);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return null;
        }
        result = decoder.flush(out);
        if (result.isError()) {
            return null;
        }
        out.flip();
        return out.toString();
    }

    static boolean decodesCleanly(byte[] body, Charset cs) {
        return strictDecode(body, cs) != null;
    }

    /** ICU's best guess among charsets that decode the bytes without errors; windows-1252 as last resort. */
    private static Charset detect(byte[] body) {
        byte[] sample = body.length <= DETECT_BYTES ? body : java.util.Arrays.copyOf(body, DETECT_BYTES);
        CharsetDetector detector = new CharsetDetector();
        detector.enableInputFilter(true); // ignore markup, judge the text
        detector.setText(sample);
        CharsetMatch[] matches = detector.detectAll();
        Charset firstUsable = null;
        for (CharsetMatch match : matches) {
            Charset cs = charsetNamed(match.getName());
            if (cs == null) {
                continue;
            }
            if (firstUsable == null) {
                firstUsable = cs;
            }
            // The sample may end inside a multi-byte character, so check the whole body.
            if (decodesCleanly(body, cs)) {
                return cs;
            }
        }
        return firstUsable != null ? firstUsable : Charset.forName("windows-1252");
    }
}
