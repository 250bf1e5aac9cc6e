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
        ShingleScorer.Score readability = ShingleScorer.score(truth,
                BenchmarkFiles.articleBodies(BENCHMARK.resolve("output/readability_js.json")));
        assertEquals(0.947, readability.f1(), 0.0005);
        assertEquals(0.914, readability.precision(), 0.0005);
        assertEquals(0.982, readability.recall(), 0.0005);
        assertEquals(0.166, readability.accuracy(), 0.0005);
        ShingleScorer.Score trafilatura = ShingleScorer.score(truth,
                BenchmarkFiles.articleBodies(BENCHMARK.resolve("output/trafilatura.json")));
        assertEquals(0.958, trafilatura.f1(), 0.0005);
        assertEquals(0.938, trafilatura.precision(), 0.0005);
        assertEquals(0.978, trafilatura.recall(), 0.0005);
        assertEquals(0.293, trafilatura.accuracy(), 0.0005);
    }
}
