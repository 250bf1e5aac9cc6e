package io.newsloom.api;

import io.newsloom.events.ArticleEvent;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;

/** Read access to the stored articles. The JSON of an article is the article event's. */
@Path("/api/v1/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    static final int MAX_LIMIT = 100;

    /** A page of articles. */
    public record ArticlePage(List<ArticleEvent> items) {
    }

    @Inject
    ArticleQueries queries;

    @GET
    public ArticlePage newest(@QueryParam("limit") @DefaultValue("20") String limit) throws SQLException {
        return new ArticlePage(queries.newest(parseLimit(limit)));
    }

    @GET
    @Path("/lookup")
    public ArticleEvent lookup(@QueryParam("url") String url) throws SQLException {
        if (url == null || url.isBlank()) {
            throw ProblemException.badRequest("the query parameter 'url' is required");
        }
        return queries.byUrl(url.trim())
                .orElseThrow(() -> ProblemException.notFound("no article was stored for URL " + url.trim()));
    }

    @GET
    @Path("/{id}")
    public ArticleEvent byId(@PathParam("id") String id) throws SQLException {
        return queries.byId(id).orElseThrow(() -> ProblemException.notFound("no article with id " + id));
    }

    static int parseLimit(String value) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT);
    }
}
