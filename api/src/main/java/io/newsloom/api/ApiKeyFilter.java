package io.newsloom.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every write endpoint of the api, those there are and those added later: one filter on the request method,
 * not a check per endpoint. See {@link ApiKeyCheck}.
 */
public class ApiKeyFilter {

    static final String HEADER = "X-API-Key";

    private final ApiKeyCheck check;

    @Inject
    public ApiKeyFilter(ApiConfig config) {
        this.check = new ApiKeyCheck(config.key());
    }

    @ServerRequestFilter(preMatching = true)
    public Response requireKeyForWrites(ContainerRequestContext request) {
        if (check.allows(request.getMethod(), request.getHeaderString(HEADER))) {
            return null;
        }
        return ProblemMappers.respond(new Problem("about:blank", "Unauthorized", 401,
                "writes need the header " + HEADER + " with the API key"));
    }
}
