package io.newsloom.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as problem details; a stack trace never leaves the service. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response answer = respond(e.problem());
        if (e.retryAfter() != null) {
            // whole seconds, rounded up: a client waiting that long finds a token
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            answer.getHeaders().putSingle("Retry-After", Long.toString(seconds));
        }
        return answer;
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = status == 400 ? "the request could not be read: check the JSON body and the parameters"
                : title;
        return respond(new Problem("about:blank", title, status, detail));
    }

    // named explicitly: the built-in mapper of MismatchedInputException would otherwise answer in its own format
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableJson(JsonProcessingException e) {
        return respond(new Problem("about:blank", "Bad request", 400,
                "the JSON body could not be read: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error", e);
        return respond(new Problem("about:blank", "Internal server error", 500,
                "the request failed inside the service; the log has the details"));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
