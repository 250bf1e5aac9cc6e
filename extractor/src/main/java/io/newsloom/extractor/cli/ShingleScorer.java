package io.newsloom.extractor.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The article-extraction-benchmark metric: 4-token shingles compared as multisets per document, precision and
 * recall averaged over documents, F1 from those two means, accuracy as exact token-list equality.
 */
public final class ShingleScorer {

    static final int SHINGLE_SIZE = 4;

    /** Corpus-level result. */
    public record Score(double f1, double precision, double recall, double accuracy, int documents) {}

    private ShingleScorer() {}

    /**
     * Scores predictions against references keyed by document id; a missing prediction counts as an empty text.
     */
    public static Score score(Map<String, String> references, Map<String, String> predictions) {
        double precisionSum = 0, recallSum = 0;
        int precisionDocs = 0, recallDocs = 0, exact = 0;
        for (Map.Entry<String, String> e : references.entrySet()) {
            List<String> truth = tokens(e.getValue());
            List<String> pred = tokens(predictions.getOrDefault(e.getKey(), ""));
            Map<List<String>, Integer> t = shingles(truth);
            Map<List<String>, Integer> p = shingles(pred);
            int tp = 0;
            for (Map.Entry<List<String>, Integer> s : p.entrySet()) {
                tp += Math.min(s.getValue(), t.getOrDefault(s.getKey(), 0));
            }
            int predTotal = p.values().stream().mapToInt(Integer::intValue).sum();
            int truthTotal = t.values().stream().mapToInt(Integer::intValue).sum();
            if (predTotal > 0) {
                precisionSum += (double) tp / predTotal;
                precisionDocs++;
            }
            if (truthTotal > 0) {
                recallSum += (double) tp / truthTotal;
                recallDocs++;
            }
            if (truth.equals(pred)) {
                exact++;
            }
        }
        double precision = precisionDocs == 0 ? 0 : precisionSum / precisionDocs;
        double recall = recallDocs == 0 ? 0 : recallSum / recallDocs;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        int n = references.size();
        return new Score(f1, precision, recall, n == 0 ? 0 : (double) exact / n, n);
    }

    /** Runs of Unicode word characters (letters, numbers, underscore), as Python's {@code \w+}. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean word = isWordChar(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static boolean isWordChar(int cp) {
        if (cp == '_') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** Windows of {@link #SHINGLE_SIZE} tokens; 1-3 tokens give one short shingle, none give none. */
    static Map<List<String>, Integer> shingles(List<String> tokens) {
        Map<List<String>, Integer> out = new HashMap<>();
        if (tokens.isEmpty()) {
            return out;
        }
        int windows = Math.max(1, tokens.size() - SHINGLE_SIZE + 1);
        for (int i = 0; i < windows; i++) {
            out.merge(tokens.subList(i, Math.min(tokens.size(), i + SHINGLE_SIZE)), 1, Integer::sum);
        }
        return out;
    }
}
