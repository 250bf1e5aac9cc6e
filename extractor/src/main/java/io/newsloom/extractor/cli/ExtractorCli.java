package io.newsloom.extractor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsloom.extractor.Extraction;
import io.newsloom.extractor.Extractor;
import io.newsloom.extractor.Page;
import org.jsoup.Jsoup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code java -jar extractor.jar extract PAGES_DIR OUT.json} writes the extraction of every page;
 * {@code java -jar extractor.jar bench PAGES_DIR GROUND_TRUTH.json} scores them against the
 * article-extraction-benchmark ground truth and measures throughput against jsoup parsing alone.
 */
public final class ExtractorCli {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Untimed passes that let the JIT compile both code paths before timing ("warm" rates). */
    private static final int WARM_UP_PASSES = 4;
    /** Timed passes over all pages for each of the two measurements. */
    private static final int TIMED_PASSES = 6;

    private ExtractorCli() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("extract")) {
            extract(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length == 3 && args[0].equals("bench")) {
            bench(Path.of(args[1]), Path.of(args[2]), System.out);
        } else {
            System.err.println("usage: extract PAGES_DIR OUT.json | bench PAGES_DIR GROUND_TRUTH.json");
            System.exit(2);
        }
    }

    static void extract(Path pagesDir, Path out) throws IOException {
        Extractor extractor = new Extractor();
        ObjectNode root = JSON.createObjectNode();
        for (Map.Entry<String, byte[]> page : PageFiles.read(pagesDir).entrySet()) {
            Extraction x = extractor.extract(new Page(null, page.getValue(), Map.of(), null));
            ObjectNode entry = root.putObject(page.getKey());
            entry.put("articleBody", x.text());
            entry.put("title", x.title());
            ArrayNode authors = entry.putArray("authors");
            x.authors().forEach(authors::add);
            entry.put("publishedAt", x.publishedAt() == null ? null : x.publishedAt().toString());
            entry.put("language", x.language());
            entry.put("pageType", x.pageType().name().toLowerCase(java.util.Locale.ROOT));
            if (x.error() != null) {
                entry.put("error", x.error());
            }
        }
        JSON.writeValue(out.toFile(), root);
    }

    static void bench(Path pagesDir, Path groundTruth, PrintStream out) throws IOException {
        Map<String, String> truth = BenchmarkFiles.articleBodies(groundTruth);
        Map<String, byte[]> pages = PageFiles.read(pagesDir);
        Extractor extractor = new Extractor();

        Map<String, String> predicted = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> page : pages.entrySet()) {
            predicted.put(page.getKey(), extractor.extract(new Page(null, page.getValue(), Map.of(), null)).text());
        }
        ShingleScorer.Score score = ShingleScorer.score(truth, predicted);

        Consumer<byte[]> extract = bytes -> extractor.extract(new Page(null, bytes, Map.of(), null));
        Consumer<byte[]> parse = bytes -> {
            try {
                Jsoup.parse(new ByteArrayInputStream(bytes), null, "");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        double[] rates = pagesPerSecond(pages, extract, parse);
        double extractRate = rates[0];
        double parseRate = rates[1];
        out.printf("pages %d, scored %d%n", pages.size(), score.documents());
        out.printf(java.util.Locale.ROOT, "F1 %.3f precision %.3f recall %.3f accuracy %.3f pages/s %.1f "
                        + "parse-only pages/s %.1f ratio %.2f%n", score.f1(), score.precision(), score.recall(),
                score.accuracy(), extractRate, parseRate, extractRate / parseRate);
    }

    /**
     * Warm pages per second of one thread for each task: untimed warm-up passes of each, then timed passes that
     * alternate between the tasks, so a change in machine load affects both alike.
     */
    private static double[] pagesPerSecond(Map<String, byte[]> pages, Consumer<byte[]> first,
                                           Consumer<byte[]> second) {
        for (int i = 0; i < WARM_UP_PASSES; i++) {
            pages.values().forEach(first);
            pages.values().forEach(second);
        }
        long firstNanos = 0, secondNanos = 0;
        for (int i = 0; i < TIMED_PASSES; i++) {
            long start = System.nanoTime();
            pages.values().forEach(first);
            long middle = System.nanoTime();
            pages.values().forEach(second);
            firstNanos += middle - start;
            secondNanos += System.nanoTime() - middle;
        }
        double passes = (double) TIMED_PASSES * pages.size();
        return new double[] {passes / (firstNanos / 1e9), passes / (secondNanos / 1e9)};
    }
}
