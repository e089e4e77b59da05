package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import io.keyward.server.policy.Fido2Configurations;
import io.keyward.server.policy.StoredFido2Configuration;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.Optional;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code /policies/authenticationMethodsPolicy} and its FIDO2 method configuration (GRAPH-API §1). The other path
 * forms clients use (key syntax, any casing, the alias without {@code /policies}) arrive here through
 * {@link GraphPathCanonicalizer}. Passkeys are the only method Keyward has: any other configuration id is 404.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/policies/authenticationMethodsPolicy")
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticationMethodsPolicyResource {

    private static final String POLICY_SET = "policies/authenticationMethodsPolicy";
    private static final String CONFIGURATIONS_SET = POLICY_SET + "/authenticationMethodConfigurations";

    @Inject
    Fido2Configurations configurations;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @PathParam("version")
    String version;

    @GET
    @RequiresAnyOf({POLICY_READ_ALL, POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response policy() {
        StoredFido2Configuration stored = configurations.read();
        ObjectNode body = GraphJson.MAPPER.createObjectNode();
        body.put("@odata.context", GraphContext.entity(uri, version, POLICY_SET, Optional.empty()));
        body.put("id", "authenticationMethodsPolicy");
        body.put("displayName", "Authentication Methods Policy");
        body.put("description", "The tenant-wide policy that controls which authentication methods are allowed in the tenant.");
        body.put("lastModifiedDateTime", GraphEntities.time(stored.lastModified()));
        body.put("policyVersion", "1.5");
        body.put("policyMigrationState", "migrationComplete");
        body.put("reconfirmationInDays", 0);
        ObjectNode campaign = body.putObject("registrationEnforcement").putObject("authenticationMethodsRegistrationCampaign");
        campaign.put("snoozeDurationInDays", 1);
        campaign.put("state", "disabled");
        campaign.putArray("excludeTargets");
        campaign.putArray("includeTargets");
        body.put("authenticationMethodConfigurations@odata.context",
                GraphContext.collection(uri, version, CONFIGURATIONS_SET, Optional.empty()));
        body.putArray("authenticationMethodConfigurations").add(Fido2ConfigurationJson.write(stored));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("authenticationMethodConfigurations")
    @RequiresAnyOf({POLICY_READ_ALL, POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response configurations() {
        var values = GraphJson.MAPPER.createArrayNode().add(Fido2ConfigurationJson.write(configurations.read()));
        return Response.ok(GraphEntities.collection(GraphContext.collection(uri, version, CONFIGURATIONS_SET, Optional.empty()),
                values, Optional.empty(), Optional.empty()).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("authenticationMethodConfigurations/{id}")
    @RequiresAnyOf({POLICY_READ_ALL, POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response get(@PathParam("id") String id) {
        requireFido2(id);
        StoredFido2Configuration stored = configurations.read();
        ObjectNode body = GraphJson.MAPPER.createObjectNode();
        body.put("@odata.context", GraphContext.entity(uri, version, CONFIGURATIONS_SET, Optional.empty()));
        body.setAll(Fido2ConfigurationJson.write(stored));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("ETag", stored.etag()).build();
    }

    @PATCH
    @Path("authenticationMethodConfigurations/{id}")
    @RequiresAnyOf(POLICY_READWRITE_AUTHENTICATIONMETHOD)
    public Response update(@PathParam("id") String id, InputStream body) {
        requireFido2(id);
        var change = Fido2ConfigurationJson.patch(GraphJson.readObject(body, config.maxRequestBytes(), Fido2ConfigurationJson.TYPE));
        StoredFido2Configuration stored = configurations.update(headers.getHeaderString(HttpHeaders.IF_MATCH), change,
                request.caller().actor());
        return Response.noContent().header("ETag", stored.etag()).build();
    }

    @DELETE
    @Path("authenticationMethodConfigurations/{id}")
    @RequiresAnyOf(POLICY_READWRITE_AUTHENTICATIONMETHOD)
    public Response delete(@PathParam("id") String id) {
        requireFido2(id);
        StoredFido2Configuration stored = configurations.reset(headers.getHeaderString(HttpHeaders.IF_MATCH), request.caller().actor());
        return Response.noContent().header("ETag", stored.etag()).build();
    }

    private static void requireFido2(String id) {
        if (!Fido2ConfigurationJson.ID.equalsIgnoreCase(id)) {
            throw Refused.notFound("authenticationMethodConfiguration", id);
        }
    }
}
