package io.newsloom.api;

import io.newsloom.events.ArticleEvent;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.sql.SQLException;
import java.util.List;

/** Read access to the stored articles. The JSON of an article is the article event's. */
@Path("/api/v1/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    /** All revisions of an article, the current one first. */
    public record Revisions(List<ArticleEvent> items) {
    }

    @Inject
    ArticleQueries queries;
    @Inject
    ArticleFeed feed;

    @GET
    @Operation(summary = "List or search articles",
            description = "Without q: the most recently stored first. With q: full-text search (English words and "
                    + "Chinese/Japanese characters), articles whose title matches first, then the others, each the "
                    + "most recently stored first. Items are summaries (no html, text cut to a snippet). Pass "
                    + "nextCursor as cursor for the next page; it is null on the last page.")
    public ArticleQueries.Page list(
            @Parameter(description = "search text: words, \"a phrase\", -excluded, or CJK characters")
            @QueryParam("q") String q,
            @Parameter(description = "language tag; zh also matches zh-Hant and zh-Hans") @QueryParam("lang") String lang,
            @Parameter(description = "site, for example example.com") @QueryParam("site") String site,
            @Parameter(description = "published (else fetched) at or after: 2024-03-14 or 2024-03-14T09:30:00Z")
            @QueryParam("since") String since,
            @Parameter(description = "published (else fetched) before") @QueryParam("until") String until,
            @Parameter(description = "exclude (default), include or only near-duplicates")
            @QueryParam("duplicates") String duplicates,
            @Parameter(description = "1..100, default 20") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor)
            throws SQLException {
        return queries.list(ArticleFilter.parse(q, lang, site, since, until, duplicates, limit, cursor));
    }

    @GET
    @Path("/lookup")
    @Operation(summary = "The article requested or published under a URL")
    public ArticleEvent lookup(@QueryParam("url") String url) throws SQLException {
        if (url == null || url.isBlank()) {
            throw ProblemException.badRequest("the query parameter 'url' is required");
        }
        return queries.byUrl(url.trim())
                .orElseThrow(() -> ProblemException.notFound("no article was stored for URL " + url.trim()));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "New and updated articles as Server-Sent Events",
            description = "Events named 'article' whose data is an article summary, as they arrive on the article "
                    + "topic. Reconnect with Last-Event-ID to receive what was missed (as far as the replay buffer "
                    + "reaches).")
    public void stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink,
                       @Context Sse sse) {
        StreamPosition from = lastEventId == null || lastEventId.isBlank() ? null
                : StreamPosition.decode(lastEventId.trim());
        feed.subscribe(from, new SseSubscriber(sink, sse));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One article")
    public ArticleEvent byId(@PathParam("id") String id) throws SQLException {
        return queries.byId(id).orElseThrow(() -> ProblemException.notFound("no article with id " + id));
    }

    @GET
    @Path("/{id}/revisions")
    @Operation(summary = "Every stored revision of an article, the current one first")
    public Revisions revisions(@PathParam("id") String id) throws SQLException {
        List<ArticleEvent> all = queries.revisions(id);
        if (all.isEmpty()) {
            throw ProblemException.notFound("no article with id " + id);
        }
        return new Revisions(all);
    }
}
