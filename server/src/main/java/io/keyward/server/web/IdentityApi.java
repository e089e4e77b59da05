package io.keyward.server.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** The server root: OAuth 2.0 / OpenID Connect endpoints and end-user pages. */
@ApplicationPath("/")
public class IdentityApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(TokenEndpoint.class, DiscoveryEndpoints.class, InvitationRedemption.class, OAuthErrorMapper.class,
                SignInApi.class, SecurityInfoApi.class);
    }
}
