package io.newsloom.loadsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The pages the load site serves: the HTML files of a corpus (plain or .gz), served byte for byte as found except
 * that canonical links and {@code og:url} are removed (they name the original site, and would fold every copy of a
 * page into one article), and beyond the first round each copy gets one sentence of its own ("Edition n.") in its
 * first paragraph, so that every URL carries distinct text.
 */
public final class CorpusPages {

    /** Latin-1 maps bytes to chars one to one, so edits by pattern keep every other byte of any encoding. */
    private static final java.nio.charset.Charset BYTES = StandardCharsets.ISO_8859_1;
    private static final Pattern ORIGIN_URL = Pattern.compile(
            "<link\\b[^>]*\\brel\\s*=\\s*[\"']?canonical\\b[^>]*>|<meta\\b[^>]*\\bproperty\\s*=\\s*[\"']?og:url\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST_PARAGRAPH_END = Pattern.compile("</p\\s*>", Pattern.CASE_INSENSITIVE);

    private record Base(byte[] html, int editionAt) {
    }

    private final List<Base> bases;

    private CorpusPages(List<Base> bases) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("the corpus has no .html or .html.gz files");
        }
        this.bases = bases;
    }

    public static CorpusPages load(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Base> bases = new ArrayList<>();
            for (Path file : files.filter(CorpusPages::isHtml).sorted().toList()) {
                bases.add(base(read(file)));
            }
            return new CorpusPages(bases);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus in " + dir, e);
        }
    }

    /** Pages made of the given HTML documents, in order (for tests). */
    public static CorpusPages of(List<String> htmlDocuments) {
        return new CorpusPages(htmlDocuments.stream().map(h -> base(h.getBytes(StandardCharsets.UTF_8))).toList());
    }

    public int size() {
        return bases.size();
    }

    /** The bytes of page {@code n}: corpus document {@code n % size()}, with an edition sentence from the second round. */
    public byte[] page(int n) {
        Base base = bases.get(n % bases.size());
        if (n < bases.size() || base.editionAt() < 0) {
            return base.html();
        }
        byte[] edition = (" Edition " + n + ".").getBytes(BYTES);
        byte[] out = new byte[base.html().length + edition.length];
        System.arraycopy(base.html(), 0, out, 0, base.editionAt());
        System.arraycopy(edition, 0, out, base.editionAt(), edition.length);
        System.arraycopy(base.html(), base.editionAt(), out, base.editionAt() + edition.length,
                base.html().length - base.editionAt());
        return out;
    }

    private static Base base(byte[] raw) {
        String html = ORIGIN_URL.matcher(new String(raw, BYTES)).replaceAll("");
        Matcher end = FIRST_PARAGRAPH_END.matcher(html);
        return new Base(html.getBytes(BYTES), end.find() ? end.start() : -1);
    }

    private static boolean isHtml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".html") || name.endsWith(".html.gz") || name.endsWith(".htm");
    }

    private static byte[] read(Path file) throws IOException {
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }
}
