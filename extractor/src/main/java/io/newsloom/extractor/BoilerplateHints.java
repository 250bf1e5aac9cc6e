package io.newsloom.extractor;

import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What class names, ids and roles say about an element: whether it is article content or page furniture
 * (navigation, share bars, comments, related lists, newsletter and cookie boxes, ads).
 */
final class BoilerplateHints {

    /** Substrings that mark furniture wherever they appear in a class or id ("c-share-bar", "relatedLinks"). */
    private static final MarkerSet NEGATIVE_ANYWHERE = new MarkerSet((
            "comment|disqus|share|sharing|social|related|recommend|newsletter|subscribe|subscription|signup"
                    + "|sign-up|cookie|consent|gdpr|sponsor|advert|outbrain|taboola|breadcrumb|popular"
                    + "|trending|promo|paywall|most-read|mostread|more-stories|morestories|read-more|readmore"
                    + "|newsletter|byline|author-info|authorinfo|author-bio|about-author|toolbar|pagination"
                    + "|widget|masthead|copyright|disclaimer|print-only|skip-link|visually-hidden|sr-only"
                    + "|screen-reader|offscreen|login|registration|signin"
                    + "|相關|相关|推荐|推薦|熱門|热门|分享|評論|评论").split("\\|"));
    /** Short words that mark furniture only as a whole token ("nav", "ad", "tags"), not inside other words. */
    private static final MarkerSet NEGATIVE_TOKENS = new MarkerSet("nav", "navbar", "navigation", "menu", "ad", "ads",
            "adv", "advert", "tag", "tags", "footer", "foot", "meta", "caption", "credit", "credits", "print", "rss",
            "topics", "keywords", "date", "time", "timestamp", "sidebar", "banner", "dateline", "author", "authors",
            "share", "social", "extra", "aside", "follow", "button", "btn", "icon", "modal", "popup", "related",
            "more");
    /** Marks of the article body itself; "-?" is an optional hyphen ("article-body", "articlebody"). */
    private static final MarkerSet POSITIVE = new MarkerSet(withOptionalHyphens(
            "article-?body|articlebody|article-?content|article-?text|story-?body|story-?content|entry-?content"
                    + "|post-?content|post-?body|post-?entry|main-?content|body-?text|article__body|content-?body"
                    + "|text-?body|article-?main|single-?content|news-?content|rich-?text|paywall-?content"
                    + "|article-?detail|news-?text|main-?text"));

    private BoilerplateHints() {}

    /** The class or id names furniture and does not name article content. */
    static boolean isNegative(Element el) {
        return isNegative(el.className(), el.id());
    }

    /**
     * Class and id are judged apart (no marker spans the space between them), which spares building a joined
     * string for every element of the page.
     */
    static boolean isNegative(String className, String id) {
        if (className.isEmpty() && id.isEmpty()) {
            return false;
        }
        String cls = className.toLowerCase(Locale.ROOT);
        String lowerId = id.toLowerCase(Locale.ROOT);
        return (namesFurniture(cls) || namesFurniture(lowerId)) && !namesContent(cls) && !namesContent(lowerId);
    }

    private static boolean namesFurniture(String name) {
        return !name.isEmpty() && (containsAny(name) || hasNegativeToken(name));
    }

    private static boolean namesContent(String name) {
        return !name.isEmpty() && POSITIVE.occursIn(name);
    }

    /** Tokens are the parts of class names and ids between spaces, hyphens and underscores. */
    private static boolean hasNegativeToken(String sig) {
        int start = 0;
        for (int i = 0; i <= sig.length(); i++) {
            char c = i == sig.length() ? ' ' : sig.charAt(i);
            if (c == ' ' || c == '-' || c == '_') {
                if (i - start >= 2 && i - start <= 10 && NEGATIVE_TOKENS.isRegion(sig, start, i)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean containsAny(String sig) {
        return NEGATIVE_ANYWHERE.occursIn(sig);
    }

    /** The markers of a "|"-separated list, each with an optional hyphen ("-?") spelt both with and without it. */
    private static String[] withOptionalHyphens(String alternatives) {
        List<String> out = new ArrayList<>();
        for (String marker : alternatives.split("\\|")) {
            out.add(marker.replace("-?", "-"));
            out.add(marker.replace("-?", ""));
        }
        return out.toArray(String[]::new);
    }

    /** +25 for article-like names, -25 for furniture-like names, 0 otherwise. */
    static int classWeight(Element el) {
        // Each name is read and lower-cased once for both verdicts (this runs for every scored candidate).
        String cls = el.className().toLowerCase(Locale.ROOT);
        String id = el.id().toLowerCase(Locale.ROOT);
        if (namesContent(cls) || namesContent(id) || el.attr("itemprop").equalsIgnoreCase("articleBody")) {
            return 25;
        }
        // Neither name is article-like, so the furniture-like names alone decide.
        return namesFurniture(cls) || namesFurniture(id) ? -25 : 0;
    }
}
