package io.keyward.server.web;

import io.keyward.server.access.SecretSignIns;
import io.keyward.server.platform.Refused;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every refusal of the pages' JSON API, as {@code {"error": {"code", "message"}}} with the reason code's status; a
 * throttled attempt says when to try again ({@code Retry-After}). Resources throw, this answers.
 */
@Provider
public class RefusalMapper implements ExceptionMapper<Refused> {

    private static final System.Logger LOG = System.getLogger(RefusalMapper.class.getName());

    @Override
    public Response toResponse(Refused refused) {
        LOG.log(System.Logger.Level.DEBUG, "refused {0}: {1}", refused.reason().code(), refused.getMessage());
        Response response = WebJson.error(refused);
        if (refused instanceof SecretSignIns.Throttled throttled) {
            return Response.fromResponse(response).header("Retry-After", throttled.retryAfter().toSeconds()).build();
        }
        if (refused instanceof SignInFlood.Flooded flooded) {
            return Response.fromResponse(response).header("Retry-After", flooded.retryAfter().toSeconds()).build();
        }
        return response;
    }
}
