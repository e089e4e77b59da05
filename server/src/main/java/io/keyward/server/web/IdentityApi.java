package io.keyward.server.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** The server root: OAuth 2.0 / OpenID Connect endpoints, the end-user pages and the JSON API behind them. */
@ApplicationPath("/")
public class IdentityApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(TrustedBaseUri.class, TokenEndpoint.class, AuthorizeEndpoint.class, UserInfoEndpoint.class, EndSessionEndpoint.class, DiscoveryEndpoints.class, JwksEndpoint.class, InvitationRedemption.class, OAuthErrorMapper.class,
                SignInApi.class, SecurityInfoApi.class, SignInPage.class, Assets.class,
                RefusalMapper.class, SameOriginRequests.class, Branding.class, CeremonyTiming.class);
    }
}
