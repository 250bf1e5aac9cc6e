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
import java.util.Locale;
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
    /** Timed passes over all pages for each of the two measurements; pages/s and ratio use thread CPU time. */
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
            entry.put("pageType", x.pageType().name().toLowerCase(Locale.ROOT));
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
        ThroughputMeter.Result rates = new ThroughputMeter(WARM_UP_PASSES, TIMED_PASSES)
                .measure(pages.values(), extract, parse);
        out.printf("pages %d, scored %d%n", pages.size(), score.documents());
        ThroughputMeter.Rates wall = rates.wall();
        out.printf(Locale.ROOT, "wall-clock: pages/s %.1f parse-only pages/s %.1f ratio %.2f%n",
                wall.first(), wall.second(), wall.ratio());
        ThroughputMeter.Rates cpu = rates.cpu();
        out.printf(Locale.ROOT, "F1 %.3f precision %.3f recall %.3f accuracy %.3f pages/s %.1f "
                        + "parse-only pages/s %.1f ratio %.2f%n", score.f1(), score.precision(), score.recall(),
                score.accuracy(), cpu.first(), cpu.second(), cpu.ratio());
    }
}
