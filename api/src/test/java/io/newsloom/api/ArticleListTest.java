package io.newsloom.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listing, filtering, searching and paging against real PostgreSQL with the store's schema. */
@QuarkusTest
class ArticleListTest {

    static final OffsetDateTime T = OffsetDateTime.parse("2024-03-14T09:30:00+08:00");

    @Inject
    DataSource dataSource;
    StoredArticles stored;
    /** A site of this test run only: filtering by it leaves out rows earlier runs left in the database. */
    String site;

    @BeforeEach
    void setUp() {
        stored = new StoredArticles(dataSource);
        site = "run-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    String add(String title, String text, String language, OffsetDateTime published) throws Exception {
        return stored.insert("https://" + site + "/" + UUID.randomUUID(), site, language, title, text, published, null);
    }

    JsonPath list(String... params) {
        var request = given().queryParam("site", site);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when().get("/api/v1/articles").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void chineseSearchFindsTheCharactersAsWrittenAndAsAPhrase() throws Exception {
        String metro = add("城市交通", "今天地铁三号线延长到机场，乘客可以直达。", "zh-Hans", T);
        String seed = add("45個國家先進制造集群名單公布", "工業和信息化部正式公布45個國家先進制造集群的名單。", "zh-Hant", T);
        String traditionalMetro = add("交通", "地鐵新線今天通車。", "zh-Hant", T);
        String apart = add("鐵路", "這塊地旁邊的铁路明年動工。", "zh-Hant", T);
        String simplified = add("先进制造", "国家先进制造业集群名单公布。", "zh-Hans", T);
        String english = add("Metro line opens", "The new metro line opens to the airport today.", "en", T);

        assertEquals(List.of(metro), list("q", "地铁").getList("items.id"));
        assertEquals(List.of(seed), list("q", "先進制造").getList("items.id"));
        assertEquals(List.of(simplified), list("q", "先进制造").getList("items.id"));
        assertEquals(List.of(traditionalMetro), list("q", "地鐵").getList("items.id"));
        assertEquals(List.of(apart), list("q", "铁路").getList("items.id"));
        // one character finds it wherever it stands in a run
        assertEquals(List.of(metro), list("q", "机").getList("items.id"));
        assertEquals(List.of(metro), list("q", "达").getList("items.id"));
        assertEquals(List.of(english), list("q", "metro airport").getList("items.id"));
        assertEquals(List.of(english), list("q", "opening").getList("items.id"), "English words are stemmed");
        assertEquals(List.of(), list("q", "metro -airport").getList("items.id"));
    }

    @Test
    void searchPutsTitleMatchesFirstThenTheNewestAndItemsAreSummaries() throws Exception {
        // a word of letters only, new to every run (a UUID's hex digits as the letters a to p)
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").chars().limit(8)
                .mapToObj(c -> String.valueOf((char) ('a' + Character.digit(c, 16)))).collect(Collectors.joining());
        String often = add("River report", ("The " + word + " river rose. ").repeat(20) + "More water. ".repeat(60),
                "en", T);
        String inTitle = add("The " + word + " dam holds", "Engineers checked it overnight.", "en", T);
        String once = add("Flood news", "A " + word + " flooded the road.", "en", T);
        String closed = add("The " + word + " gate", "Closed for maintenance.", "en", T);
        JsonPath page = list("q", word + " -maintenance");
        assertEquals(List.of(inTitle, once, often), page.getList("items.id"),
                "title matches first, then the most recently stored, however often the word occurs");
        assertNull(page.get("nextCursor"));
        assertEquals(List.of(closed, inTitle, once, often), list("q", word).getList("items.id"));
        String snippet = page.getString("items[2].text");
        assertTrue(snippet.length() <= ArticleSummary.SNIPPET_LENGTH + 1 && snippet.endsWith("…"), snippet);
        given().queryParam("site", site).queryParam("q", word).when().get("/api/v1/articles").then()
                .body("items[0]", not(hasKey("html")));

        // page by page, across the step from title matches to the others
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            page = cursor == null ? list("q", word, "limit", "1") : list("q", word, "limit", "1", "cursor", cursor);
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(closed, inTitle, once, often), seen);
    }

    @Test
    void filtersByLanguageTimeAndDuplicates() throws Exception {
        String zh = add("中文", "第一段。", "zh-Hant", OffsetDateTime.parse("2023-01-10T00:00:00Z"));
        String en = add("English", "First paragraph.", "en", OffsetDateTime.parse("2023-06-01T00:00:00Z"));
        String copy = stored.insert("https://" + site + "/copy-" + UUID.randomUUID(), site, "en", "English copy",
                "First paragraph.", OffsetDateTime.parse("2023-06-02T00:00:00Z"), en);
        assertEquals(List.of(zh), list("lang", "zh").getList("items.id"));
        assertEquals(List.of(zh), list("lang", "zh-Hant").getList("items.id"));
        assertEquals(List.of(en), list("lang", "en").getList("items.id"));
        assertEquals(List.of(en, zh), list().getList("items.id"), "duplicates are left out by default");
        assertEquals(List.of(copy, en, zh), list("duplicates", "include").getList("items.id"));
        assertEquals(List.of(copy), list("duplicates", "only").getList("items.id"));
        assertEquals(List.of(en), list("since", "2023-02-01", "until", "2023-06-02").getList("items.id"));
        assertEquals(List.of(zh), list("until", "2023-01-10T00:00:01Z").getList("items.id"));
    }

    @Test
    void theCursorPagesWithoutGapsOrRepeatsWhileArticlesArrive() throws Exception {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(0, add("Story " + i, "Text of story " + i + " about harbours.", "en", T));
        }
        List<String> seen = new ArrayList<>();
        JsonPath page = list("limit", "2");
        seen.addAll(page.getList("items.id"));
        String cursor = page.getString("nextCursor");
        List<String> arrived = new ArrayList<>();
        while (cursor != null) {
            arrived.add(add("Late story", "Text that arrived while paging, about harbours.", "en", T));
            page = list("limit", "2", "cursor", cursor);
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        }
        assertEquals(before, seen, "every article stored before the first page, once, in order");

        // the same holds for a search, paged by tier and store order
        seen.clear();
        page = list("q", "harbour", "limit", "3");
        seen.addAll(page.getList("items.id"));
        cursor = page.getString("nextCursor");
        List<String> expected = list("q", "harbour", "limit", "100").getList("items.id");
        while (cursor != null) {
            add("Later", "Harbours harbours harbours.", "en", T);
            page = list("q", "harbour", "limit", "3", "cursor", cursor);
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        }
        // an article stored meanwhile shows only in a group the walk has not reached; those that were there are all
        // seen, once, in order
        assertEquals(seen.size(), seen.stream().distinct().count(), "no article twice: " + seen);
        assertEquals(expected, seen.stream().filter(expected::contains).toList());
    }

    @Test
    void revisionsListTheCurrentArticleThenTheEarlierOnes() throws Exception {
        String id = add("Dam", "First text.", "en", T);
        stored.revise(id, "Second text.");
        given().when().get("/api/v1/articles/" + id + "/revisions").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].version", equalTo(2)).body("items[0].text", equalTo("Second text."))
                .body("items[1].version", equalTo(1)).body("items[1].text", equalTo("First text."))
                .body("items[1].id", equalTo(id));
        given().when().get("/api/v1/articles/ffffffffffffffff/revisions").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        String[][] bad = {{"limit", "1000"}, {"limit", "0"}, {"cursor", "not-a-cursor"}, {"cursor", "djE6eDox"},
                {"since", "yesterday"}, {"until", "2024-13-40"}, {"lang", "english!"}, {"lang", "e"},
                {"duplicates", "maybe"}, {"q", "x".repeat(201)}};
        for (String[] p : bad) {
            given().queryParam(p[0], p[1]).when().get("/api/v1/articles").then().log().ifValidationFails()
                    .statusCode(400).contentType(Problem.MEDIA_TYPE).body("status", equalTo(400))
                    .body("detail", containsString("'" + p[0] + "'"));
        }
        // a cursor of one list is refused by another
        String cursor = given().queryParam("limit", 1).when().get("/api/v1/articles").then().statusCode(200)
                .extract().path("nextCursor");
        if (cursor != null) {
            given().queryParam("limit", 1).queryParam("lang", "en").queryParam("cursor", cursor).when()
                    .get("/api/v1/articles").then().statusCode(400).body("detail", containsString("other filters"));
        }
        given().header("Last-Event-ID", "garbage").when().get("/api/v1/articles/stream").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void writesNeedTheApiKeyAndReadsDoNot() {
        String body = "{\"urls\": [\"https://example.org/" + UUID.randomUUID() + "\"]}";
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/crawl").then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(401));
        given().header("X-API-Key", "wrong").contentType(ContentType.JSON).body(body).when().post("/api/v1/crawl")
                .then().statusCode(401);
        given().header(ApiTest.KEY).contentType(ContentType.JSON).body(body).when().post("/api/v1/crawl").then()
                .statusCode(202);
        // any write, including endpoints added later
        given().when().delete("/api/v1/sources/1").then().statusCode(401);
        given().when().get("/api/v1/articles").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/articles"))
                .body("paths", hasKey("/api/v1/articles/stream"))
                .body("paths", hasKey("/api/v1/articles/{id}/revisions"))
                .body("paths.'/api/v1/articles'.get.parameters.name", org.hamcrest.Matchers.hasItems(
                        "q", "lang", "site", "since", "until", "duplicates", "limit", "cursor"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/").then().statusCode(200).body(containsString("Newsloom"));
    }
}
