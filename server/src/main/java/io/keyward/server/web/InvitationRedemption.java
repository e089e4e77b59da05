package io.keyward.server.web;

import io.keyward.server.directory.InvitationService;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code GET /invitations/redeem?id=&code=}: the guest follows the invite link; the account becomes Accepted, and the
 * guest lands on a page that leads to sign-in with the e-mail address they were invited with. Opening the link
 * again says the invitation was already accepted and leads to sign-in too; a link that is not valid says so.
 *
 * <p>No answer here is a 400: RESTEasy escapes the HTML of a 400 (its "HTML sanitizer"), which showed people markup.
 */
@RequestScoped
@Path("invitations/redeem")
public class InvitationRedemption {

    private static final Logger LOG = Logger.getLogger(InvitationRedemption.class.getName());

    @Inject
    InvitationService invitations;

    @Inject
    Branding branding;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response redeem(@QueryParam("id") String id, @QueryParam("code") String code) {
        if (id == null || id.isBlank() || code == null || code.isBlank()) {
            LOG.info("Invitation redemption refused: " + ReasonCode.NOT_FOUND.code() + ": the link has no invitation id or code");
            return invalid(404);
        }
        try {
            var invitation = invitations.redeem(id, code);
            String email = invitation.invitedUserEmail();
            return page(200, Map.of("outcome", "accepted",
                    "heading", "Welcome to " + branding.organizationName(),
                    "text", "You have accepted the invitation. Sign in with your e-mail address, " + email + ".",
                    "signInHref", "/signin?username=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                    "hint", "You were invited to use " + host(invitation.inviteRedirectUrl()) + "."));
        } catch (Refused refused) {
            // The guest reads plain words; the log keeps the reason code and the service's sentence.
            LOG.info("Invitation redemption refused: " + refused.reason().code() + ": " + refused.getMessage());
            return switch (refused.reason()) {
                // InvitationService refuses a redeemed invitation before it looks at the code.
                case INVALID_REQUEST -> page(200, Map.of("outcome", "alreadyAccepted",
                        "heading", "You have already accepted this invitation",
                        "text", "Sign in with the e-mail address the invitation was sent to.",
                        "signInHref", "/signin", "hint", "Opening the invitation link again is not needed."));
                case ACCESS_DENIED -> invalid(403);
                default -> invalid(404);
            };
        }
    }

    private Response invalid(int status) {
        return page(status, Map.of("outcome", "invalid",
                "heading", "This invitation link does not work",
                "text", "Check that you opened the whole link from your invitation, or ask the person who invited you to send a new one.",
                "signInHref", "/signin", "hint", "If you accepted the invitation before, just sign in."));
    }

    private Response page(int status, Map<String, String> text) {
        return Pages.rendered("invitation", status, text);
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
