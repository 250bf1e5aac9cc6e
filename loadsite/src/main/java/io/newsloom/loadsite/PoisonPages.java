package io.newsloom.loadsite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Generated pages that attack the fetcher and the parser, for the fault suite. Each {@link Kind} lives on a host of its
 * own (so a slow kind holds one fetch slot at most, as a real slow site would), page {@code n} of a kind is
 * {@code /poison/n.html}. The pages are deterministic: the same page number gives the same bytes.
 *
 * <p>The kinds that cost the machine most (30 MB bodies, one-byte-a-second trickles) get a few pages each; the
 * cheap ones share the rest evenly, see {@link #counts(int)}.
 */
public final class PoisonPages {

    public enum Kind {
        MALFORMED, TRUNCATED, DEEP_NESTING, HUGE, BINARY, INVALID_UTF8, LYING_CHARSET, HOSTILE_METADATA, EMPTY,
        REDIRECT_LOOP, ENDLESS_REDIRECT, TRICKLE, GZIP_BOMB;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Pages of the expensive kinds: enough to attack, few enough that a suite run stays short. */
    private static final Map<Kind, Integer> FIXED = Map.of(Kind.HUGE, 10, Kind.TRICKLE, 3);
    static final int HUGE_BYTES = 30 * 1024 * 1024;
    static final int NESTING = 100_000;
    static final int BOMB_INFLATED_BYTES = 64 * 1024 * 1024;

    private final CorpusPages corpus;
    private final Map<Kind, Integer> counts;
    private volatile byte[] huge;
    private volatile byte[] bomb;

    public PoisonPages(CorpusPages corpus, int total) {
        this(corpus, counts(total));
    }

    private PoisonPages(CorpusPages corpus, Map<Kind, Integer> counts) {
        this.corpus = corpus;
        this.counts = counts;
    }

    /** One page of every kind (for tests). */
    public static PoisonPages onePerKind(CorpusPages corpus) {
        Map<Kind, Integer> one = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            one.put(k, 1);
        }
        return new PoisonPages(corpus, one);
    }

    /** How many pages each kind gets out of {@code total}: the fixed few, the rest spread evenly. */
    static Map<Kind, Integer> counts(int total) {
        int fixed = FIXED.values().stream().mapToInt(Integer::intValue).sum();
        if (total < fixed + Kind.values().length) {
            throw new IllegalArgumentException("need at least " + (fixed + Kind.values().length) + " poison pages");
        }
        int cheapKinds = Kind.values().length - FIXED.size();
        int each = (total - fixed) / cheapKinds;
        int extra = (total - fixed) % cheapKinds;
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            if (FIXED.containsKey(k)) {
                counts.put(k, FIXED.get(k));
            } else {
                counts.put(k, each + (extra-- > 0 ? 1 : 0));
            }
        }
        return counts;
    }

    public int count(Kind kind) {
        return counts.get(kind);
    }

    public static String path(int page) {
        return "/poison/" + page + ".html";
    }

    /** The body of page {@code n} of a kind that is served as one response (not the redirects or the trickle). */
    public byte[] body(Kind kind, int n) {
        return switch (kind) {
            case MALFORMED -> malformed(n);
            case TRUNCATED -> truncated(n);
            case DEEP_NESTING -> deepNesting(n);
            case HUGE -> huge();
            case BINARY -> binary(n);
            case INVALID_UTF8 -> invalidUtf8(n);
            case LYING_CHARSET -> utf8(article(n));
            case HOSTILE_METADATA -> utf8(hostileMetadata(n));
            case EMPTY -> n % 2 == 0 ? new byte[0] : " \r\n\t ".getBytes(StandardCharsets.US_ASCII);
            case TRICKLE -> utf8(article(n));
            case GZIP_BOMB -> bomb();
            case REDIRECT_LOOP, ENDLESS_REDIRECT -> new byte[0];
        };
    }

    /** The Content-Type a kind is served with: always HTML, which is what makes binary and lying pages poison. */
    public static String contentType(Kind kind, int n) {
        if (kind == Kind.LYING_CHARSET) {
            // the body is UTF-8 text; the header claims otherwise
            return switch (n % 3) {
                case 0 -> "text/html; charset=utf-16";
                case 1 -> "text/html; charset=shift_jis";
                default -> "text/html; charset=x-no-such-charset";
            };
        }
        return kind == Kind.BINARY || kind == Kind.INVALID_UTF8 ? "text/html; charset=utf-8" : "text/html";
    }

    /** A plain article with a title and a few paragraphs, the text of which is unique to the page. */
    static String article(int n) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Poison story " + n + "</title></head><body><article><h1>Poison story " + n + "</h1>");
        for (int p = 0; p < 5; p++) {
            html.append("<p>Paragraph ").append(p).append(" of poison story ").append(n)
                    .append(": the council met on Tuesday to discuss the harbour road, which storms have closed ")
                    .append("three times this winter, and agreed to ask the engineers for a plan by spring.</p>");
        }
        return html.append("</article></body></html>").toString();
    }

    private byte[] malformed(int n) {
        String s = switch (n % 4) {
            case 0 -> "<html><head><title>Broken " + n + "<body><p>unclosed <b><i><div><table><tr><td><p>"
                    + "Paragraph of broken page " + n + " <a href=\"x\" href='y' onclick=>>>< </td></table></b>";
            case 1 -> "<html><body><!-- a comment that never ends " + article(n);
            case 2 -> "<<<>>><</p></p></div>&&&;&#xFFFFFFFF;&#0;<p>page " + n + "</p><![CDATA[ <script>"
                    + "<style><textarea><title></html></html><body><body>";
            default -> "<html><head><script>document.write('<p>" + n + "'); /* no end" + article(n);
        };
        return utf8(s);
    }

    /** A corpus page cut somewhere between a tenth and nine tenths, often in a tag or a multi-byte character. */
    private byte[] truncated(int n) {
        byte[] page = corpus.page(n);
        int cut = (int) (page.length * (0.1 + 0.8 * new Random(n).nextDouble()));
        return Arrays.copyOf(page, Math.max(1, cut));
    }

    private static byte[] deepNesting(int n) {
        StringBuilder html = new StringBuilder(NESTING * 5 + 200).append("<html><body>");
        String tag = n % 2 == 0 ? "<div>" : "<span>";
        html.append(tag.repeat(NESTING));
        html.append("<p>Deep inside page ").append(n).append(".</p></body></html>");
        return utf8(html.toString());
    }

    private byte[] huge() {
        if (huge == null) {
            synchronized (this) {
                if (huge == null) {
                    byte[] head = utf8("<html><head><title>A very long story</title></head><body><article>"
                            + "<h1>A very long story</h1>");
                    byte[] paragraph = utf8("<p>The story goes on and on, as some pages do, for thirty megabytes "
                            + "of paragraphs that say the same thing again.</p>\n");
                    byte[] out = new byte[HUGE_BYTES];
                    System.arraycopy(head, 0, out, 0, head.length);
                    for (int at = head.length; at < out.length; at += paragraph.length) {
                        System.arraycopy(paragraph, 0, out, at, Math.min(paragraph.length, out.length - at));
                    }
                    huge = out;
                }
            }
        }
        return huge;
    }

    private static byte[] binary(int n) {
        byte[] bytes = new byte[4096 + n % 8192];
        new Random(n).nextBytes(bytes);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(png, 0, bytes, 0, png.length);
        return bytes;
    }

    /** An article declared UTF-8 with invalid sequences in its text: stray continuation bytes, overlongs, 0xFF. */
    private static byte[] invalidUtf8(int n) {
        byte[][] invalid = {{(byte) 0x80}, {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80}};
        String html = article(n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        for (String part : html.split(" ")) {
            out.writeBytes(utf8(part));
            out.write(' ');
            if (++i % 7 == 0) {
                out.writeBytes(invalid[(i / 7 + n) % invalid.length]);
            }
        }
        return out.toByteArray();
    }

    /** Metadata meant to make the extractor throw: bad base and canonical URLs, impossible dates, deep JSON-LD. */
    private static String hostileMetadata(int n) {
        String[] base = {"http://[::1:bad", "javascript:alert(1)", "http://", "//%zz", "http://a b/"};
        String[] dates = {"+999999999-12-31T23:59:59Z", "2024-02-30T25:61:61+99:00", "-0001-00-00", "9".repeat(400),
                "NaN"};
        return "<!DOCTYPE html><html lang=\"" + "x-".repeat(200) + "\"><head><meta charset=\"utf-8\">"
                + "<base href=\"" + base[n % base.length] + "\">"
                + "<link rel=\"canonical\" href=\"" + base[(n + 1) % base.length] + "\">"
                + "<meta property=\"og:image\" content=\"" + base[(n + 2) % base.length] + "\">"
                + "<meta property=\"article:published_time\" content=\"" + dates[n % dates.length] + "\">"
                + "<meta name=\"author\" content=\"" + "\u0000\uFFFF".repeat(50) + "\">"
                + "<script type=\"application/ld+json\">" + "[".repeat(5000) + "{\"@type\":\"NewsArticle\","
                + "\"datePublished\":\"" + dates[(n + 1) % dates.length] + "\"}" + "]".repeat(5000) + "</script>"
                + "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": {\"x\": [1,2,"
                + "</script>"
                + "<time datetime=\"" + dates[(n + 2) % dates.length] + "\">" + dates[(n + 3) % dates.length]
                + "</time></head>" + article(n).substring(article(n).indexOf("<body>"));
    }

    /** A gzip body that inflates to 64 MiB of spaces (compressed about 1000 to 1). */
    private byte[] bomb() {
        if (bomb == null) {
            synchronized (this) {
                if (bomb == null) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                        byte[] chunk = new byte[1 << 20];
                        Arrays.fill(chunk, (byte) ' ');
                        gz.write(utf8("<html><body><p>"));
                        for (int i = 0; i < BOMB_INFLATED_BYTES / chunk.length; i++) {
                            gz.write(chunk);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    bomb = out.toByteArray();
                }
            }
        }
        return bomb;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
