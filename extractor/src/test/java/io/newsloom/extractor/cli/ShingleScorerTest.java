package io.newsloom.extractor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShingleScorerTest {

    static final Path BENCHMARK = Path.of("..", "..", "shared", "corpus", "article-extraction-benchmark");

    static boolean benchmarkPresent() {
        return Files.isRegularFile(BENCHMARK.resolve("ground-truth.json"));
    }

    @Test
    void tokensAreWordRunsWithoutPunctuation() {
        assertEquals(List.of("It", "s", "a", "test_1", "ö", "中文"), ShingleScorer.tokens("It's a test_1, ö! 中文"));
    }

    @Test
    void identicalTextsScorePerfectly() {
        ShingleScorer.Score s = ShingleScorer.score(Map.of("a", "one two three four five"),
                Map.of("a", "one two three four five"));
        assertEquals(1.0, s.f1(), 1e-9);
        assertEquals(1.0, s.accuracy(), 1e-9);
    }

    @Test
    void partialOverlapCountsShingles() {
        // reference shingles: [a b c d], [b c d e]; prediction: [a b c d] only.
        ShingleScorer.Score s = ShingleScorer.score(Map.of("x", "a b c d e"), Map.of("x", "a b c d"));
        assertEquals(1.0, s.precision(), 1e-9);
        assertEquals(0.5, s.recall(), 1e-9);
        assertEquals(0.0, s.accuracy(), 1e-9);
    }

    @Test
    void emptyPredictionCountsOnlyForRecall() {
        ShingleScorer.Score s = ShingleScorer.score(Map.of("x", "a b c d", "y", "a b c d"), Map.of("x", "a b c d"));
        assertEquals(1.0, s.precision(), 1e-9);
        assertEquals(0.5, s.recall(), 1e-9);
    }

    @Test
    @EnabledIf("benchmarkPresent")
    void reproducesPublishedScoresOfShippedOutputs() throws Exception {
        Map<String, String> truth = BenchmarkFiles.articleBodies(BENCHMARK.resolve("ground-truth.json"));
        assertScore(truth, "readability_js.json", 0.947, 0.914, 0.982, 0.166);
        assertScore(truth, "trafilatura.json", 0.958, 0.938, 0.978, 0.293);
    }

    private static void assertScore(Map<String, String> truth, String output, double f1, double precision,
                                    double recall, double accuracy) throws Exception {
        ShingleScorer.Score s = ShingleScorer.score(truth, BenchmarkFiles.articleBodies(BENCHMARK.resolve("output/" + output)));
        assertEquals(f1, s.f1(), 0.0005, output);
        assertEquals(precision, s.precision(), 0.0005, output);
        assertEquals(recall, s.recall(), 0.0005, output);
        assertEquals(accuracy, s.accuracy(), 0.0005, output);
    }
}
