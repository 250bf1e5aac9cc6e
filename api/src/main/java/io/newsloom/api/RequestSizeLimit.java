package io.newsloom.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body is larger than {@code quarkus.http.limits.max-body-size} with a 413 problem,
 * like every other error. It runs just ahead of Quarkus's own limit check (route order -2), which answers in plain
 * text; a body sent without a length is still cut by that check.
 */
@ApplicationScoped
public class RequestSizeLimit {

    void install(@Observes Router router, ObjectMapper json,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max)
            throws JsonProcessingException {
        long limit = max.asLongValue();
        String body = json.writeValueAsString(new Problem("about:blank", "Content too large", 413,
                "the request body is larger than " + limit + " bytes"));
        router.route().order(-3).handler(rc -> {
            if (declaredLength(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH)) > limit) {
                rc.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
            } else {
                rc.next();
            }
        });
    }

    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;   // a length that is not a number is refused, not trusted
        }
    }
}
