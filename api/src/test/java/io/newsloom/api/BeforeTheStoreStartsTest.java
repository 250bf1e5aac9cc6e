package io.newsloom.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.nullValue;

/**
 * Before the store's first start its article schema does not exist (a first deployment whose api is up first): the
 * api answers that nothing is stored, not 500. Here the api looks for the tables in a schema nobody created.
 */
@QuarkusTest
@TestProfile(BeforeTheStoreStartsTest.NoArticleSchema.class)
class BeforeTheStoreStartsTest {

    public static class NoArticleSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", "not_created_yet");
        }
    }

    @Test
    void listsAndSearchesAreEmpty() {
        for (String query : new String[]{"", "?q=dam", "?q=%E5%85%88%E9%80%B2%E5%88%B6%E9%80%A0", "?lang=en&limit=5"}) {
            given().get("/api/v1/articles" + query).then().statusCode(200)
                    .body("items", empty()).body("nextCursor", nullValue());
        }
    }

    @Test
    void anArticleItsRevisionsAndALookupAreNotFound() {
        String id = "0123456789abcdef";
        given().get("/api/v1/articles/" + id).then().statusCode(404).body("detail", containsString(id));
        given().get("/api/v1/articles/" + id + "/revisions").then().statusCode(404);
        given().get("/api/v1/articles/lookup?url=https://example.com/a.html").then().statusCode(404)
                .body("detail", containsString("https://example.com/a.html"));
    }
}
