package io.newsloom.extractor;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

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

    /** Only elements with some text or media get an entry: the many empty ones read as {@link #EMPTY}. */
    private final Map<Element, Counts> counts = new IdentityHashMap<>(1024);

    private TextStats() {}

    /**
     * Measures the tree and hands each of its elements, in document order, to {@code everyElement} (including
     * those inside the never-text subtrees the measures skip), so that no other pass needs to walk the whole
     * document.
     */
    static TextStats measure(Element root, Consumer<Element> everyElement) {
        TextStats stats = new TextStats();
        NodeTraversor.filter(stats.new Collector(everyElement), root);
        return stats;
    }

    /** True when the counts hold nothing (an empty element). */
    private static boolean isEmpty(Counts c) {
        return c.chars == 0 && c.media == 0;
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

    /**
     * Counts each open element's subtree in a slot per depth (no map look-up per text node); an element's counts
     * enter the map, and its parent's slot, when the element closes.
     */
    private final class Collector implements NodeFilter {
        private final Consumer<Element> everyElement;
        private int linkDepth;
        private Counts[] open = new Counts[64];

        Collector(Consumer<Element> everyElement) {
            this.everyElement = everyElement;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof Element el) {
                everyElement.accept(el);
                if (depth > 0 && DocumentCleaner.NEVER_TEXT.contains(el.normalName())) {
                    // Scripts, styles, noscript fallbacks: never shown text. Their elements (a <meta> in a
                    // <noscript>) still go to the consumer; most have none.
                    if (el.firstElementChild() != null) {
                        handDescendants(el);
                    }
                    return FilterResult.SKIP_ENTIRELY;
                }
                Counts c = slot(depth);
                if (el.nameIs("a")) {
                    linkDepth++;
                } else if (el.nameIs("img") || el.nameIs("video") || el.nameIs("picture")) {
                    c.media = 1;
                }
            } else if (node instanceof TextNode text && depth > 0) {
                count(text.getWholeText(), open[depth - 1]);
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element el) {
                if (el.nameIs("a")) {
                    linkDepth--;
                }
                Counts c = open[depth];
                if (isEmpty(c)) {
                    return FilterResult.CONTINUE; // the slot is reused as it is
                }
                counts.put(el, c);
                open[depth] = null;
                if (depth > 0) {
                    Counts p = open[depth - 1];
                    p.chars += c.chars;
                    p.linkChars += c.linkChars;
                    p.punctuation += c.punctuation;
                    p.cjk += c.cjk;
                    p.media += c.media;
                }
            }
            return FilterResult.CONTINUE;
        }

        private void handDescendants(Element el) {
            NodeTraversor.traverse((node, depth) -> {
                if (depth > 0 && node instanceof Element descendant) {
                    everyElement.accept(descendant);
                }
            }, el);
        }

        /** A zeroed slot for the element opening at this depth. */
        private Counts slot(int depth) {
            if (depth >= open.length) {
                open = java.util.Arrays.copyOf(open, Math.max(depth + 1, open.length * 2));
            }
            Counts c = open[depth];
            if (c == null) {
                c = new Counts();
                open[depth] = c;
            } else {
                c.chars = c.linkChars = c.punctuation = c.cjk = c.media = 0;
            }
            return c;
        }

        /** Counted in locals and added once: field updates per character cost a store each. */
        private void count(String s, Counts c) {
            int chars = 0, punctuation = 0, cjk = 0;
            for (int i = 0, n = s.length(); i < n; ) {
                char ch = s.charAt(i);
                int cp;
                if (ch < Character.MIN_SURROGATE) {
                    cp = ch;
                    i++;
                } else {
                    cp = s.codePointAt(i);
                    i += Character.charCount(cp);
                }
                if (cp <= 0xffff && TextMeasure.isSpace((char) cp)) {
                    continue;
                }
                chars++;
                if (TextMeasure.isPunctuation(cp)) {
                    punctuation++;
                } else if (cp >= 0x2e80 && TextMeasure.isCjk(cp)) {
                    cjk++;
                }
            }
            c.chars += chars;
            if (linkDepth > 0) {
                c.linkChars += chars;
            }
            c.punctuation += punctuation;
            c.cjk += cjk;
        }
    }
}
