package io.keyward.server.web;

import io.keyward.server.directory.InvitationService;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /invitations/redeem?id=&code=}: the guest follows the invite link; the account becomes Accepted. */
@RequestScoped
@Path("invitations/redeem")
public class InvitationRedemption {

    @Inject
    InvitationService invitations;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response redeem(@QueryParam("id") String id, @QueryParam("code") String code) {
        try {
            var invitation = invitations.redeem(id, code);
            return Response.status(303).location(java.net.URI.create(invitation.inviteRedirectUrl())).build();
        } catch (Refused refused) {
            int status = switch (refused.reason()) {
                case NOT_FOUND -> 404;
                case ACCESS_DENIED -> 403;
                default -> 400;
            };
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                    .entity("<!doctype html><title>Invitation</title><p>" + Html.escape(refused.getMessage()) + "</p>").build();
        }
    }
}
