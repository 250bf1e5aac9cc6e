package io.newsloom.extractor;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Per-element text measures computed in one pass over the DOM (so no element's text is rebuilt repeatedly):
 * non-space characters, characters inside links, punctuation marks and CJK characters, each including
 * descendants.
 */
final class TextStats {

    /** Measures of one element's subtree. */
    static final class Counts {
        int chars;
        int linkChars;
        int punctuation;
        int cjk;
        /** Images, videos and other embedded media. */
        int media;

        /** Characters outside links: the prose, as opposed to navigation. */
        int proseChars() {
            return chars - linkChars;
        }

        double linkDensity() {
            return chars == 0 ? 0 : (double) linkChars / chars;
        }

        /** True when the text is mostly Chinese/Japanese/Korean characters. */
        boolean mostlyCjk() {
            return cjk * 2 > chars;
        }

        /**
         * Length in "Latin-equivalent" characters: a CJK character carries about as much as three Latin ones,
         * so thresholds tuned on English apply to Chinese too.
         */
        int weightedChars() {
            return chars + 2 * cjk;
        }
    }

    private static final Counts EMPTY = new Counts();

    private final Map<Element, Counts> counts = new IdentityHashMap<>(4096);

    private TextStats() {}

    static TextStats measure(Element root) {
        TextStats stats = new TextStats();
        NodeTraversor.filter(stats.new Collector(), root);
        return stats;
    }

    /** Removes the element from its document and its measures from its ancestors'. */
    void remove(Element element) {
        Counts c = counts.get(element);
        if (c != null) {
            for (Element a = element.parent(); a != null; a = a.parent()) {
                Counts p = counts.get(a);
                if (p == null) {
                    break;
                }
                p.chars -= c.chars;
                p.linkChars -= c.linkChars;
                p.punctuation -= c.punctuation;
                p.cjk -= c.cjk;
                p.media -= c.media;
            }
        }
        element.remove();
    }

    Counts of(Element element) {
        Counts c = counts.get(element);
        return c == null ? EMPTY : c;
    }

    private final class Collector implements NodeFilter {
        private int linkDepth;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof Element el) {
                if (depth > 0 && DocumentCleaner.NEVER_TEXT.contains(el.normalName())) {
                    return FilterResult.SKIP_ENTIRELY; // scripts, styles, noscript fallbacks: never shown text
                }
                counts.put(el, new Counts());
                if (el.nameIs("a")) {
                    linkDepth++;
                } else if (el.nameIs("img") || el.nameIs("video") || el.nameIs("picture")) {
                    counts.get(el).media = 1;
                }
            } else if (node instanceof TextNode text && node.parent() instanceof Element parent) {
                Counts c = counts.get(parent);
                if (c == null) {
                    return FilterResult.CONTINUE;
                }
                String s = text.getWholeText();
                for (int i = 0; i < s.length(); ) {
                    int cp = s.codePointAt(i);
                    i += Character.charCount(cp);
                    if (cp <= 0xffff && TextMeasure.isSpace((char) cp)) {
                        continue;
                    }
                    c.chars++;
                    if (linkDepth > 0) {
                        c.linkChars++;
                    }
                    if (TextMeasure.isPunctuation(cp)) {
                        c.punctuation++;
                    } else if (cp >= 0x2e80 && TextMeasure.isCjk(cp)) {
                        c.cjk++;
                    }
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element el) {
                if (el.nameIs("a")) {
                    linkDepth--;
                }
                Counts c = counts.get(el);
                Element parent = el.parent();
                Counts p = parent == null ? null : counts.get(parent);
                if (c != null && p != null) {
                    p.chars += c.chars;
                    p.linkChars += c.linkChars;
                    p.punctuation += c.punctuation;
                    p.cjk += c.cjk;
                    p.media += c.media;
                }
            }
            return FilterResult.CONTINUE;
        }
    }
}
