package io.newsloom.extractor;

import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes furniture that sits inside the content container: headline, captions, link lists, share and
 * newsletter boxes, then lines that are furniture by their words (copyright, "Advertisement", "Read more").
 */
final class BodyFilter {

    private static final Set<String> NEVER_BODY = Set.of("h1", "figure", "figcaption", "nav", "aside", "footer",
            "header", "form", "button", "label", "caption");
    private static final Set<String> LIST_LIKE = Set.of("ul", "ol", "dl", "table", "div", "section", "span");
    private static final Pattern FURNITURE_LINE = Pattern.compile("(?i)^(?:advertisement|advertising|ad|sponsored"
            + "|share|share this|share this article|tweet|email|print|comments?|related|related articles"
            + "|related stories|read more|read next|more:?|see also|continue reading|click here.*|subscribe.*"
            + "|sign up.*|follow us.*|相關文章|相关文章|相關新聞|相关新闻|延伸閱讀|延伸阅读|更多|分享|推薦閱讀|推荐阅读"
            + "|責任編輯[:：].*|责任编辑[:：].*|【[^】]{0,10}】)$");
    /** Rights notices in Chinese: "all rights reserved", "no reproduction", "without authorisation". */
    private static final String[] CJK_RIGHTS = {"版權所有", "版权所有", "不得轉載", "不得转载", "未經授權", "未经授权"};

    private final TextStats stats;
    private final int contentProse;

    /** @param roots the content containers; a block holding much of their prose is never furniture */
    BodyFilter(TextStats stats, List<Element> roots) {
        this.stats = stats;
        int prose = 0;
        for (Element root : roots) {
            prose += stats.of(root).proseChars();
        }
        this.contentProse = prose;
    }

    /** True for an element inside the content that is not part of the article text. */
    boolean rejects(Element el) {
        String tag = el.normalName();
        if (NEVER_BODY.contains(tag) || DocumentCleaner.isHidden(el)) {
            return true;
        }
        TextStats.Counts c = stats.of(el);
        if (c.chars == 0) {
            return false;
        }
        // The counts first: the name test is the dearer of the two.
        if ((c.proseChars() * 5 < contentProse * 2 || c.linkDensity() > 0.5) && BoilerplateHints.isNegative(el)) {
            return true;
        }
        double linkDensity = c.linkDensity();
        if (LIST_LIKE.contains(tag) && linkDensity > 0.5) {
            return true;
        }
        // A paragraph that is all link is a teaser ("Read more: ..."), not article prose.
        return (tag.equals("p") || tag.equals("li")) && linkDensity > 0.8;
    }

    /**
     * A copyright line: starts with "©", "(c)" or the word "copyright", or says "all rights reserved" or its
     * Chinese forms. Written out rather than as one regular expression, whose search tried every position of
     * every line.
     */
    static boolean isCopyright(String line) {
        if (line.startsWith("©") || line.regionMatches(true, 0, "(c)", 0, 3)
                || line.regionMatches(true, 0, "copyright", 0, 9)
                && (line.length() == 9 || !Character.isLetterOrDigit(line.charAt(9)) && line.charAt(9) != '_')) {
            return true;
        }
        String reserved = "all rights reserved";
        for (int i = 0; i + reserved.length() <= line.length(); i++) {
            if ((line.charAt(i) | 0x20) == 'a' && line.regionMatches(true, i, reserved, 0, reserved.length())) {
                return true;
            }
        }
        for (String marker : CJK_RIGHTS) {
            if (line.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** Lines of the body without furniture lines and without a repeat of the headline. */
    static List<String> keepArticleLines(List<String> lines, String title) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.length() < 60 && FURNITURE_LINE.matcher(line).matches()
                    || line.length() < 200 && isCopyright(line)) {
                continue;
            }
            if (title != null && line.equals(title)) {
                continue;
            }
            out.add(line);
        }
        return out;
    }
}
