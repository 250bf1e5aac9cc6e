package io.newsloom.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crawl submissions beyond the client's rate are answered 429 with Retry-After, and accepted again after the wait. */
@QuarkusTest
@TestProfile(CrawlRateLimitTest.LowRate.class)
class CrawlRateLimitTest {

    public static class LowRate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // profiled names: they win over the %test values of application.properties. One token every 10 s, so
            // that a slow first publish (broker metadata) does not refill the bucket meanwhile.
            return Map.of("%test.newsloom.api.crawl-rate", "0.1", "%test.newsloom.api.crawl-burst", "3");
        }
    }

    @Test
    void pastTheBurstTheClientIsToldToWaitAndMayGoOnAfterTheWait() throws Exception {
        // the burst of 3, and perhaps one more refilled while a slow broker took the first ones; then a 429
        Response refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Response answer = submit();
            assertTrue(i >= 3 || answer.statusCode() == 202, "the burst is accepted: " + answer.asString());
            if (answer.statusCode() != 202) {
                refused = answer;
            }
        }
        assertTrue(refused != null, "no 429 after 10 quick submissions");
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals(Problem.MEDIA_TYPE, refused.contentType());
        assertEquals(429, refused.jsonPath().getInt("status"));
        int wait = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(wait >= 1 && wait <= 10, "one token every 10 s: " + wait);
        // a submission that is refused anyway is checked first and costs nothing
        given().header(ApiTest.KEY).contentType(ContentType.JSON).body("{\"urls\": []}").when()
                .post("/api/v1/crawl").then().statusCode(400);
        // a wrong key is refused before the limit is asked
        given().header("X-API-Key", "wrong").contentType(ContentType.JSON).body("{}").when()
                .post("/api/v1/crawl").then().statusCode(401);

        Thread.sleep(wait * 1000L);
        assertEquals(202, submit().statusCode(), "accepted again after Retry-After");
    }

    private static Response submit() {
        return given().header(ApiTest.KEY).contentType(ContentType.JSON)
                .body("{\"urls\": [\"https://example.org/rate-" + UUID.randomUUID() + "\"]}")
                .when().post("/api/v1/crawl");
    }
}
