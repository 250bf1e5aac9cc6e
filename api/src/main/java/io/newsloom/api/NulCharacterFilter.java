package io.newsloom.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Collection;
import java.util.List;

/**
 * Refuses a request whose path or query holds a NUL character (%00) with a 400, for every endpoint at once: PostgreSQL
 * text cannot hold NUL, so such a value would otherwise fail inside the database, and no id, URL or search needs one.
 */
public class NulCharacterFilter {

    @ServerRequestFilter(preMatching = true)
    public Response refuseNul(ContainerRequestContext request) {
        var uri = request.getUriInfo();
        if (!holdsNul(uri.getPath(true), uri.getQueryParameters(true).values())) {
            return null;
        }
        return ProblemMappers.respond(new Problem("about:blank", "Bad request", 400,
                "the request's path or parameters contain a NUL character (%00)"));
    }

    static boolean holdsNul(String path, Collection<List<String>> parameterValues) {
        return path.indexOf('\0') >= 0 || parameterValues.stream().flatMap(List::stream)
                .anyMatch(v -> v.indexOf('\0') >= 0);
    }
}
