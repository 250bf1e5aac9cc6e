package io.newsloom.extractor;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the main content by scoring the DOM: every paragraph-like block scores by its length and punctuation
 * (CJK characters weigh more than Latin letters, full-width punctuation counts), its score flows to its
 * ancestors, and each ancestor's total is discounted by its link density and weighted by its class names. The
 * best-scoring container and its article-like siblings are the content.
 */
final class ContentExtractor {

    /** The chosen content: container elements in document order. */
    record Content(List<Element> roots, double score) {}

    private static final Set<String> PARAGRAPHS = Set.of("p", "pre", "blockquote", "td", "dd");
    private static final Set<String> TEXT_CONTAINERS = Set.of("div", "section", "article", "main", "font", "span",
            "li", "center");
    /** A candidate's running score, updated in place (a boxed Double per update costs an allocation). */
    private static final class Score {
        double value;

        Score(double value) {
            this.value = value;
        }
    }

    /** Shortest paragraph (in Latin-equivalent characters) that counts as evidence of content. */
    private static final int MIN_PARAGRAPH = 25;

    private ContentExtractor() {}

    /**
     * @param parsedHeadline the document's first {@code <h1>} as parsed (cleaning may have removed it since), or
     *                       null when the document has none
     */
    static Content find(Element body, TextStats stats, Element parsedHeadline) {
        Map<Element, Score> scores = new IdentityHashMap<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (!(node instanceof Element el)) {
                    return FilterResult.SKIP_CHILDREN;
                }
                TextStats.Counts c = stats.of(el);
                if (c.chars == 0) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (isParagraph(el, c)) {
                    scoreParagraph(el, c, stats, scores);
                    return el.nameIs("td") || el.nameIs("blockquote") ? FilterResult.CONTINUE
                            : FilterResult.SKIP_ENTIRELY;
                }
                scoreLooseText(el, scores);
                return FilterResult.CONTINUE;
            }
        }, body);

        Element best = null;
        double bestScore = 0;
        for (Map.Entry<Element, Score> e : scores.entrySet()) {
            Element el = e.getKey();
            Score candidate = e.getValue();
            double score = candidate.value * (1 - stats.of(el).linkDensity());
            candidate.value = score;
            if (score > bestScore) {
                best = el;
                bestScore = score;
            }
        }
        if (best == null) {
            return new Content(List.of(), 0);
        }
        return new Content(withSiblings(best, bestScore, scores, stats, headlineAncestors(body, parsedHeadline)), bestScore);
    }

    private static boolean isParagraph(Element el, TextStats.Counts c) {
        String tag = el.normalName();
        if (PARAGRAPHS.contains(tag)) {
            return true;
        }
        if (!TEXT_CONTAINERS.contains(tag)) {
            return false;
        }
        // A div that holds its text directly (text separated by <br>), not through child blocks.
        int own = 0;
        // Indexed: childNodes() copies the list.
        for (int i = 0, n = el.childNodeSize(); i < n; i++) {
            Node child = el.childNode(i);
            if (child instanceof TextNode t) {
                own += TextMeasure.strippedTextLength(t.getWholeText());
            } else if (child instanceof Element ce && !TextRenderer.BLOCKS.contains(ce.normalName())) {
                continue;
            } else if (child instanceof Element) {
                return false;
            }
        }
        return own * 2 >= c.chars;
    }

    private static void scoreParagraph(Element el, TextStats.Counts c, TextStats stats, Map<Element, Score> scores) {
        int length = c.weightedChars();
        if (length < MIN_PARAGRAPH) {
            return;
        }
        double score = (1 + Math.min(c.punctuation, 30) + Math.min(length / 100.0, 3)) * (1 - c.linkDensity());
        Element ancestor = el.parent();
        for (int level = 0; ancestor != null && level < 3; level++, ancestor = ancestor.parent()) {
            if (ancestor.nameIs("html")) {
                break;
            }
            double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            add(scores, ancestor, score / divider);
        }
        // A paragraph is also its own candidate: text directly in a container div. (Its class weight counts
        // again if it already had a score as an ancestor.)
        if (TEXT_CONTAINERS.contains(el.normalName())) {
            Score own = scores.get(el);
            if (own == null) {
                scores.put(el, new Score(initialScore(el) + score));
            } else {
                own.value += initialScore(el) + score;
            }
        }
    }

    /**
     * Text written straight into a container next to its child blocks (common on older sites: text and
     * {@code <br>} after a heading) scores for the container like a paragraph would.
     */
    private static void scoreLooseText(Element el, Map<Element, Score> scores) {
        int length = 0, punctuation = 0;
        for (int i = 0, n = el.childNodeSize(); i < n; i++) {
            Node child = el.childNode(i);
            if (child instanceof TextNode t) {
                String text = t.getWholeText();
                for (int k = 0; k < text.length(); k++) {
                    char ch = text.charAt(k);
                    if (TextMeasure.isSpace(ch)) {
                        continue;
                    }
                    length += TextMeasure.isCjk(ch) ? 3 : 1;
                    if (TextMeasure.isPunctuation(ch)) {
                        punctuation++;
                    }
                }
            }
        }
        if (length < 4 * MIN_PARAGRAPH) {
            return;
        }
        add(scores, el, 1 + Math.min(punctuation, 30) + Math.min(length / 100.0, 3));
    }

    /** Adds to the element's score, which starts from its tag and class weight. */
    private static void add(Map<Element, Score> scores, Element el, double points) {
        Score score = scores.get(el);
        if (score == null) {
            scores.put(el, new Score(initialScore(el) + points));
        } else {
            score.value += points;
        }
    }

    private static double initialScore(Element el) {
        double base = switch (el.normalName()) {
            case "div", "article", "main", "section" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "ol", "ul", "dl", "dd", "dt", "li", "form", "address" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        return base + BoilerplateHints.classWeight(el);
    }

    private static Set<Element> headlineAncestors(Element body, Element parsedHeadline) {
        Set<Element> out = Collections.newSetFromMap(new IdentityHashMap<>());
        Element h1 = firstHeadline(body, parsedHeadline);
        for (Element a = h1 == null ? null : h1.parent(); a != null; a = a.parent()) {
            out.add(a);
        }
        return out;
    }

    /**
     * The first {@code <h1>} left in the body. Usually the parsed one is still there, which spares a search of the
     * whole body (the whole of it on pages without one).
     */
    private static Element firstHeadline(Element body, Element parsedHeadline) {
        if (parsedHeadline == null) {
            return null;
        }
        for (Element a = parsedHeadline.parent(); a != null; a = a.parent()) {
            if (a == body) {
                return parsedHeadline;
            }
        }
        return body.selectFirst("h1");
    }

    /** The best container plus siblings that look like more of the same article. */
    private static List<Element> withSiblings(Element best, double bestScore, Map<Element, Score> scores,
                                              TextStats stats, Set<Element> headlineAncestors) {
        // A wrapper holding little besides the best candidate is the same content: articles split into chunks
        // are siblings at the wrapper's level, not the candidate's. The climb stops below the headline's
        // wrapper: what sits between headline and body is byline and date, not article text.
        Element top = best;
        int prose = stats.of(best).proseChars();
        for (Element p = top.parent(); p != null && !p.nameIs("body") && !p.nameIs("html")
                && !headlineAncestors.contains(p) && stats.of(p).proseChars() * 0.9 <= prose; p = p.parent()) {
            top = p;
        }
        Element parent = top.parent();
        if (parent == null || top.nameIs("body")) {
            return List.of(top);
        }
        double threshold = Math.max(10, bestScore * 0.2);
        String topClass = top.className();
        List<Element> out = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == top) {
                out.add(sibling);
                continue;
            }
            TextStats.Counts c = stats.of(sibling);
            if (c.chars == 0 || BoilerplateHints.isNegative(sibling)) {
                continue;
            }
            Score score = scores.get(sibling);
            boolean sameKind = !topClass.isEmpty() && sibling.normalName().equals(top.normalName())
                    && sibling.className().equals(topClass);
            if (score != null && score.value >= threshold || sameKind && c.linkDensity() < 0.5 && c.punctuation > 0) {
                out.add(sibling);
                continue;
            }
            if (sibling.nameIs("p")) {
                int len = c.weightedChars();
                if (len > 80 && c.linkDensity() < 0.25 || len > 0 && c.linkDensity() == 0 && c.punctuation > 0) {
                    out.add(sibling);
                }
            }
        }
        return out;
    }
}
