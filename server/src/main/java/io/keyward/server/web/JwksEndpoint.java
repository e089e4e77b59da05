package io.keyward.server.web;

import io.keyward.server.directory.TenantService;
import io.keyward.server.token.SigningKeys;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JWKS, {@code /{tenant}/discovery/v2.0/keys}: the public keys that verify Keyward's tokens. */
@RequestScoped
@Path("{tenant}/discovery/v2.0/keys")
public class JwksEndpoint {

    @Inject
    TenantService tenants;

    @Inject
    SigningKeys keys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response keys(@PathParam("tenant") String tenant) {
        OAuthError.requireTenant(tenants, tenant);
        return Response.ok(keys.verificationKeys().toString(true), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=300").build();
    }
}
