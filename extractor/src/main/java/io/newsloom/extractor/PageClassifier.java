package io.newsloom.extractor;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a page is an article. Index, section, tag and search pages are mostly links with little
 * prose of their own ({@link PageType#LISTING}); error pages and pages with hardly any text are
 * {@link PageType#OTHER}.
 */
final class PageClassifier {

    /** Least body text (Latin-equivalent characters, a CJK character weighing three) of an article. */
    static final int MIN_ARTICLE_CHARS = 240;
    private static final Pattern ERROR_TITLE = Pattern.compile(
            "(?i)\\b(?:404|403|410|500)\\b|not found|page not found|no longer available|error page"
                    + "|找不到|頁面不存在|页面不存在|無法找到|无法找到|錯誤|错误页面");
    private static final Pattern LISTING_URL = Pattern.compile(
            "(?i)/(?:tag|tags|topic|topics|category|categories|section|search|archive|author|list|index)(?:/|\\.|$)"
                    + "|[?&](?:q|s|query|page|p)=");

    private PageClassifier() {}

    /**
     * @param bodyChars        weighted characters of the extracted body
     * @param pageLinkDensity  share of the whole page's text that is link text
     */
    static PageType classify(Metadata meta, String title, String url, int bodyChars, double pageLinkDensity) {
        if (title != null && ERROR_TITLE.matcher(title).find() && bodyChars < 4 * MIN_ARTICLE_CHARS) {
            return PageType.OTHER;
        }
        boolean listingSignals = meta.declaresListing() && !meta.declaresArticle()
                || url != null && LISTING_URL.matcher(url.toLowerCase(Locale.ROOT)).find() && !meta.declaresArticle();
        if (bodyChars < MIN_ARTICLE_CHARS) {
            return listingSignals || pageLinkDensity > 0.4 ? PageType.LISTING : PageType.OTHER;
        }
        if (listingSignals && bodyChars < 8 * MIN_ARTICLE_CHARS) {
            return PageType.LISTING;
        }
        // Mostly links and a modest body: an index page whose teasers were taken for prose.
        if (!meta.declaresArticle() && pageLinkDensity > 0.6 && bodyChars < 4 * MIN_ARTICLE_CHARS) {
            return PageType.LISTING;
        }
        return PageType.ARTICLE;
    }
}
