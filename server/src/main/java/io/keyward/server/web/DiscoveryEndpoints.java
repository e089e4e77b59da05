package io.keyward.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.TenantService;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.token.AuthenticationProof;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * OpenID Connect discovery, {@code /{tenant}/v2.0/.well-known/openid-configuration}. The whole path is the class's
 * so that it outranks the sign-in page's root resource in JAX-RS matching.
 */
@RequestScoped
@Path("{tenant}/v2.0/.well-known/openid-configuration")
public class DiscoveryEndpoints {

    @Inject
    TenantService tenants;

    @Inject
    KeywardConfig config;

    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response configuration(@PathParam("tenant") String tenant) {
        OAuthError.requireTenant(tenants, tenant);
        String tid = tenants.current().id().toString();
        String base = BaseUrls.of(config, uri);
        ObjectNode doc = new ObjectMapper().createObjectNode();
        doc.put("issuer", BaseUrls.issuer(config, uri, tid));
        doc.put("authorization_endpoint", base + "/" + tid + "/oauth2/v2.0/authorize");
        doc.put("token_endpoint", base + "/" + tid + "/oauth2/v2.0/token");
        doc.put("userinfo_endpoint", base + "/" + tid + "/oidc/userinfo");
        doc.put("end_session_endpoint", base + "/" + tid + "/oauth2/v2.0/logout");
        doc.put("jwks_uri", base + "/" + tid + "/discovery/v2.0/keys");
        doc.putPOJO("response_types_supported", List.of("code"));
        doc.putPOJO("response_modes_supported", List.of("query", "form_post"));
        doc.putPOJO("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        doc.putPOJO("code_challenge_methods_supported", List.of("S256"));
        doc.putPOJO("prompt_values_supported", List.of("none", "login", "select_account", "consent"));
        doc.putPOJO("subject_types_supported", List.of("public"));
        doc.putPOJO("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.putPOJO("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic", "none"));
        doc.putPOJO("scopes_supported", List.of("openid", "profile", "email", "offline_access", config.graphResource() + "/.default"));
        doc.putPOJO("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "nbf", "auth_time", "nonce", "amr", "acr", "sid",
                "azp", "tid", "oid", "ver", "name", "preferred_username", "given_name", "family_name", "email"));
        doc.putPOJO("acr_values_supported", List.of(AuthenticationProof.ACR_PHISHING_RESISTANT, AuthenticationProof.ACR_MULTIFACTOR,
                AuthenticationProof.ACR_SINGLE_FACTOR));
        doc.put("authorization_response_iss_parameter_supported", true);
        doc.put("request_parameter_supported", false);
        doc.put("request_uri_parameter_supported", false);
        doc.put("claims_parameter_supported", false);
        doc.put("tenant_region_scope", "ON-PREMISES");
        return Response.ok(doc.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
