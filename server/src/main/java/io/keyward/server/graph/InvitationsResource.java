package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.IssuedInvitation;
import io.keyward.server.directory.InvitationService;
import io.keyward.server.directory.NewInvitation;
import io.keyward.server.directory.UserType;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.Set;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code POST /invitations}: invites a B2B guest. Keyward sends no e-mail ({@code sendInvitationMessage} is
 * accepted and ignored); the caller hands the returned {@code inviteRedeemUrl} to the guest.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationsResource {

    @Inject
    InvitationService invitations;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    @Context
    UriInfo uri;

    @PathParam("version")
    String version;

    @POST
    @RequiresAnyOf({USER_INVITE_ALL, USER_READWRITE_ALL, DIRECTORY_READWRITE_ALL})
    public Response invite(InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "invitation"), "invitation")
                .allowOnly(Set.of("invitedUserEmailAddress", "inviteRedirectUrl", "invitedUserDisplayName", "invitedUserType",
                        "sendInvitationMessage", "invitedUserMessageInfo"), Set.of("id", "status", "inviteRedeemUrl", "invitedUser"));
        fields.optionalBoolean("sendInvitationMessage");
        UserType type = fields.optionalString("invitedUserType").map(InvitationsResource::type).orElse(UserType.Guest);
        IssuedInvitation issued = invitations.invite(new NewInvitation(fields.optionalString("invitedUserEmailAddress").orElse(null),
                fields.optionalString("inviteRedirectUrl").orElse(null), fields.optionalString("invitedUserDisplayName"), type),
                request.caller().actor());
        String redeemUrl = UriBuilder.fromUri(uri.getBaseUri()).path("..").path("invitations").path("redeem")
                .queryParam("id", issued.invitation().id()).queryParam("code", issued.redeemCode()).build().normalize().toString();
        ObjectNode json = GraphJson.MAPPER.createObjectNode();
        json.put("@odata.context", GraphContext.entity(uri, version, "invitations", java.util.Optional.empty()));
        json.put("id", issued.invitation().id().toString());
        json.put("inviteRedeemUrl", redeemUrl);
        json.put("invitedUserDisplayName", issued.invitedUser().displayName());
        json.put("invitedUserType", issued.invitedUser().userType().name());
        json.put("invitedUserEmailAddress", issued.invitation().invitedUserEmail());
        json.put("sendInvitationMessage", false);
        json.put("inviteRedirectUrl", issued.invitation().inviteRedirectUrl());
        json.put("status", issued.invitation().status());
        json.putObject("invitedUser").put("id", issued.invitedUser().id().toString());
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(json.toString()).build();
    }

    private static UserType type(String value) {
        return switch (value) {
            case "Guest" -> UserType.Guest;
            case "Member" -> UserType.Member;
            default -> throw Refused.invalid("Property 'invitedUserType' must be 'Guest' or 'Member', not '" + value + "'.");
        };
    }
}
