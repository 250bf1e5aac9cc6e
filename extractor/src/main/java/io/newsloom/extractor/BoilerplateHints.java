package io.newsloom.extractor;

import org.jsoup.nodes.Element;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What class names, ids and roles say about an element: whether it is article content or page furniture
 * (navigation, share bars, comments, related lists, newsletter and cookie boxes, ads).
 */
final class BoilerplateHints {

    /** Substrings that mark furniture wherever they appear in a class or id ("c-share-bar", "relatedLinks"). */
    private static final Pattern NEGATIVE_ANYWHERE = Pattern.compile(
            "comment|disqus|share|sharing|social|related|recommend|newsletter|subscribe|subscription|signup"
                    + "|sign-up|cookie|consent|gdpr|sponsor|advert|outbrain|taboola|sidebar|breadcrumb|popular"
                    + "|trending|promo|paywall|most-read|mostread|more-stories|morestories|read-more|readmore"
                    + "|newsletter|byline|author-info|authorinfo|author-bio|about-author|toolbar|pagination"
                    + "|widget|masthead|copyright|disclaimer|print-only|skip-link|visually-hidden|sr-only"
                    + "|screen-reader|offscreen|login|registration|signin|banner|modal|popup|overlay"
                    + "|相關|相关|推荐|推薦|熱門|热门|分享|評論|评论");
    /** Short words that mark furniture only as a whole token ("nav", "ad", "tags"), not inside other words. */
    private static final Pattern NEGATIVE_TOKEN = Pattern.compile(
            "(?:^|[\\s_-])(?:nav|navbar|navigation|menu|ad|ads|adv|advert|tags?|tag-list|footer|foot|meta"
                    + "|caption|credit|credits|hidden|hide|print|rss|topics|keywords|date|time|timestamp"
                    + "|dateline|author|authors|share|social|extra|aside|header|top-bar|follow|button|btn|icon"
                    + "|related|list-related|next|prev|previous|more)(?:$|[\\s_-])");
    /** Marks of the article body itself. */
    private static final Pattern POSITIVE = Pattern.compile(
            "article-?body|articlebody|article-?content|article-?text|story-?body|story-?content|entry-?content"
                    + "|post-?content|post-?body|post-?entry|main-?content|body-?text|article__body|content-?body"
                    + "|text-?body|article-?main|single-?content|news-?content|rich-?text|paywall-?content"
                    + "|article-?detail|news-?text|main-?text");

    private BoilerplateHints() {}

    static String signature(Element el) {
        String cls = el.className();
        String id = el.id();
        if (cls.isEmpty() && id.isEmpty()) {
            return "";
        }
        return (cls + " " + id).toLowerCase(Locale.ROOT);
    }

    /** The class or id names furniture and does not name article content. */
    static boolean isNegative(Element el) {
        String sig = signature(el);
        if (sig.isEmpty()) {
            return false;
        }
        return (NEGATIVE_ANYWHERE.matcher(sig).find() || NEGATIVE_TOKEN.matcher(sig).find())
                && !POSITIVE.matcher(sig).find();
    }

    static boolean isPositive(Element el) {
        String sig = signature(el);
        if (sig.isEmpty()) {
            return el.attr("itemprop").equalsIgnoreCase("articleBody");
        }
        return POSITIVE.matcher(sig).find() || el.attr("itemprop").equalsIgnoreCase("articleBody");
    }

    /** +25 for article-like names, -25 for furniture-like names, 0 otherwise. */
    static int classWeight(Element el) {
        if (isPositive(el)) {
            return 25;
        }
        return isNegative(el) ? -25 : 0;
    }
}
