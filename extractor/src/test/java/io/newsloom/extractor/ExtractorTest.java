package io.newsloom.extractor;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pipeline on small English and Chinese pages, and on pathological input. */
class ExtractorTest {

    static final Extractor EXTRACTOR = new Extractor();

    static final String ENGLISH = """
            <!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">
            <title>Council approves new bridge | The Daily Paper</title>
            <meta property="og:site_name" content="The Daily Paper">
            <meta property="og:image" content="https://paper.example/img/bridge.jpg">
            <link rel="canonical" href="https://paper.example/news/2024/03/14/bridge">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
              "headline":"Council approves new bridge","datePublished":"2024-03-14T09:30:00-04:00",
              "dateModified":"2024-03-15T10:00:00-04:00","author":[{"@type":"Person","name":"By Jane Doe"}],
              "keywords":["transport","city council"]}</script>
            <style>.x{color:red}</style></head>
            <body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
            <div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
            <article><h1>Council approves new bridge</h1><p class="byline">By Jane Doe</p>
            <div class="share-bar"><a href="#">Facebook</a><a href="#">Twitter</a></div>
            <div class="article-body">
            <p>The city council voted on Thursday to approve a new bridge across the river, ending a debate that has run for more than a decade.</p>
            <figure><img src="/img/bridge.jpg"><figcaption>The planned bridge. Photo: City of Example</figcaption></figure>
            <p>Construction is expected to begin next spring, with the bridge opening to traffic in 2027, officials said.</p>
            <div class="newsletter-signup">Sign up for our morning newsletter and never miss a story.</div>
            <p onclick="evil()">Opponents argued that the money would be better spent on repairing existing roads, but the measure passed by seven votes to two.</p>
            </div>
            <div class="related-articles"><h3>Related</h3><ul><li><a href="/a">Bridge plan delayed again</a></li>
            <li><a href="/b">Council budget approved</a></li><li><a href="/c">River flooding fears</a></li></ul></div>
            </article>
            <div id="comments"><p>Great news, finally! This bridge should have been built years ago, honestly.</p></div>
            <footer><p>© 2024 The Daily Paper. All rights reserved.</p></footer>
            </body></html>""";

    static final String ENGLISH_BODY = String.join("\n",
            "The city council voted on Thursday to approve a new bridge across the river, ending a debate that has run for more than a decade.",
            "Construction is expected to begin next spring, with the bridge opening to traffic in 2027, officials said.",
            "Opponents argued that the money would be better spent on repairing existing roads, but the measure passed by seven votes to two.");

    @Test
    void englishArticle() {
        Extraction x = EXTRACTOR.extract(Fixtures.page("https://paper.example/news/2024/03/14/bridge", ENGLISH));
        assertEquals(ENGLISH_BODY, x.text());
        assertEquals(PageType.ARTICLE, x.pageType());
        assertEquals("Council approves new bridge", x.title());
        assertEquals(List.of("Jane Doe"), x.authors());
        assertEquals(OffsetDateTime.parse("2024-03-14T09:30:00-04:00"), x.publishedAt());
        assertEquals(OffsetDateTime.parse("2024-03-15T10:00:00-04:00"), x.modifiedAt());
        assertEquals("en", x.language());
        assertEquals("The Daily Paper", x.siteName());
        assertEquals("https://paper.example/news/2024/03/14/bridge", x.canonicalUrl());
        assertEquals("https://paper.example/img/bridge.jpg", x.imageUrl());
        assertEquals(List.of("transport", "city council"), x.tags());
        assertTrue(x.wordCount() > 50);
    }

    @Test
    void sanitisedHtmlKeepsParagraphsOnly() {
        String html = EXTRACTOR.extract(Fixtures.page("https://paper.example/news/bridge", ENGLISH)).html();
        assertTrue(html.contains("<p>The city council voted"), html);
        assertFalse(html.contains("onclick"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("class="), html);
        assertFalse(html.contains("newsletter"), html);
        assertFalse(html.contains("figcaption"), html);
    }

    @Test
    void listingPage() {
        StringBuilder html = new StringBuilder("<html><head><title>World news | Paper</title></head><body><h1>World</h1><ul>");
        for (int i = 0; i < 40; i++) {
            html.append("<li><a href=\"/world/story-").append(i).append("\">Headline number ").append(i)
                    .append(" about events somewhere in the world</a></li>");
        }
        html.append("</ul></body></html>");
        Extraction x = EXTRACTOR.extract(Fixtures.page("https://paper.example/section/world/", html.toString()));
        assertEquals(PageType.LISTING, x.pageType());
        assertFalse(x.isArticle());
    }

    @Test
    void errorPage() {
        Extraction x = EXTRACTOR.extract(Fixtures.page("https://paper.example/missing",
                "<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
                        + "<p>Sorry, the page you are looking for does not exist.</p></body></html>"));
        assertEquals(PageType.OTHER, x.pageType());
    }

    @Test
    void big5PageWithoutMetaCharset() {
        String html = Fixtures.text("seed-mirror.html").replace("<meta charset=\"utf-8\">", "");
        byte[] big5 = html.getBytes(Charset.forName("Big5-HKSCS"));
        Extraction x = EXTRACTOR.extract(Fixtures.page("http://mirror.example.com/a.html", big5));
        assertEquals(Fixtures.text("seed-mirror.expected.txt").strip(), x.text());
        assertEquals("45個國家先進制造集群名單公布", x.title());
        assertTrue(x.charset().toLowerCase().contains("big5"), x.charset());
    }

    @Test
    void gbkPageWithNothingDeclared() {
        String html = """
                <html><head><title>工信部公布先进制造业集群名单_新闻频道</title></head><body>
                <div class="nav"><a href="/">首页</a><a href="/news">新闻</a></div>
                <h1>工信部公布先进制造业集群名单</h1><div class="info">2022年12月01日 08:30 来源:新闻网 记者 张伟</div>
                <div class="content"><p>11月30日,据工信部官网消息,近日,工业和信息化部正式公布45个国家先进制造业集群的名单。相关集群2021年主导产业产值达19万亿元。</p>
                <p>45个国家级集群中,新一代信息技术领域13个、高端装备领域13个、新材料领域7个,覆盖制造强国建设重点领域。</p>
                <p>下一步,工信部将紧紧围绕集群培育目标任务,加快构建省级、国家级、世界级集群梯次培育发展体系。</p></div>
                <div class="footer">版权所有 新闻网</div></body></html>""";
        byte[] gbk = html.getBytes(Charset.forName("GBK"));
        Extraction x = EXTRACTOR.extract(new Page("http://news.example.cn/a.html", gbk, Map.of(), Fixtures.FETCHED));
        assertTrue(x.text().startsWith("11月30日,据工信部官网消息"), x.text());
        assertEquals(3, x.text().split("\n").length);
        assertEquals("工信部公布先进制造业集群名单", x.title());
        assertEquals("zh-Hans", x.language());
        assertEquals(OffsetDateTime.parse("2022-12-01T08:30+08:00"), x.publishedAt());
        assertEquals(PageType.ARTICLE, x.pageType());
    }

    @Test
    void emptyAndBinaryBodiesFail() {
        assertNotNull(EXTRACTOR.extract(new Page("u", new byte[0], Map.of(), null)).error());
        byte[] binary = new byte[5000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        Extraction x = EXTRACTOR.extract(new Page("u", binary, Map.of(), null));
        assertNotNull(x.error());
        assertEquals(PageType.OTHER, x.pageType());
        assertFalse(x.isArticle());
    }

    @Test
    void hundredThousandNestedDivsInBoundedTime() {
        String html = "<div>".repeat(100_000) + "deep text" + "</div>".repeat(100_000);
        Extraction x = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> EXTRACTOR.extract(Fixtures.page("u", html)));
        assertNotNull(x);
        assertFalse(x.isArticle());
        assertEquals("page too complex: more than 50000 tags", x.error());
    }

    @Test
    void aUtf16PageOfTooManyElementsIsRefusedAfterParsing() {
        String html = "<html><body><div>" + "<span></span>".repeat(60_000) + "</div></body></html>";
        byte[] utf16 = ("\uFEFF" + html).getBytes(StandardCharsets.UTF_16LE);
        Extraction x = EXTRACTOR.extract(new Page("https://paper.example/news/wide", utf16,
                Map.of("content-type", "text/html; charset=utf-16le"), null));
        // the 60,000 spans, the div, html, head, body and the document itself
        assertEquals("page too complex: 60005 elements (at most 50000)", x.error());
    }

    @Test
    void comparisonsInScriptsAreNotCountedAsTags() {
        String script = "<script>" + "if (a<b) {}\n".repeat(60_000) + "</script>";
        Extraction x = EXTRACTOR.extract(Fixtures.page("https://paper.example/news/2024/03/14/bridge",
                ENGLISH.replace("</head>", script + "</head>")));
        assertEquals(ENGLISH_BODY, x.text());
    }

    @Test
    void aPageJustUnderTheElementLimitIsStillRead() {
        String html = "<html><head><title>Many spans</title></head><body><article><p>"
                + ENGLISH_BODY.replace("\n", "</p><p>") + "</p></article><div>"
                + "<span></span>".repeat(Extractor.MAX_ELEMENTS - 100) + "</div></body></html>";
        Extraction x = EXTRACTOR.extract(Fixtures.page("https://paper.example/news/many", html));
        assertEquals(ENGLISH_BODY, x.text());
    }

    @Test
    void fiftyMegabytesOfTextInBoundedTime() {
        byte[] body = new byte[50 * 1024 * 1024];
        byte[] sentence = "All work and no play makes a dull page. ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < body.length; i++) {
            body[i] = sentence[i % sentence.length];
        }
        Extraction x = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> EXTRACTOR.extract(new Page("u", body, Map.of(), null)));
        assertNotNull(x);
    }

    @Test
    void anArticleOfMegabytesIsRefusedWithItsLength() {
        String paragraph = "<p>The story goes on and on, as some pages do, for megabytes of paragraphs.</p>\n";
        String html = "<html><head><title>A very long story</title></head><body><article><h1>A very long story</h1>"
                + paragraph.repeat(10_000) + "</article></body></html>";
        Extraction x = EXTRACTOR.extract(Fixtures.page("https://paper.example/news/long", html));
        assertTrue(x.error().startsWith("article text too long: "), x.error());
        assertTrue(x.error().endsWith(" characters (at most 500000)"), x.error());
    }

    @Test
    void nullsAreTolerated() {
        Extraction x = EXTRACTOR.extract(new Page(null, "<p>x</p>".getBytes(StandardCharsets.UTF_8), null, null));
        assertNotNull(x);
        assertEquals(PageType.OTHER, x.pageType());
    }

    @Test
    void concurrentUseGivesTheSameResult() throws Exception {
        String expected = EXTRACTOR.extract(Fixtures.page("u", ENGLISH)).text();
        List<Thread> threads = Arrays.asList(new Thread[4]);
        String[] results = new String[4];
        for (int i = 0; i < 4; i++) {
            int n = i;
            threads.set(i, new Thread(() -> results[n] = EXTRACTOR.extract(Fixtures.page("u", ENGLISH)).text()));
            threads.get(i).start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (String r : results) {
            assertEquals(expected, r);
        }
    }
}
