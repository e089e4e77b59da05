package io.keyward.server.web;

import io.keyward.server.platform.KeywardConfig;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;

/**
 * Runs first in both JAX-RS applications (the Graph API and the identity endpoints) and replaces the scheme and
 * authority of the request's URIs with its public origin ({@link PublicOrigins}), so that every absolute URL built
 * from {@code UriInfo} is built from the configured base URLs or a trusted proxy's word, never from the {@code Host}
 * header the caller chose. The path and query stay as sent.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 300)
public class TrustedBaseUri implements ContainerRequestFilter {

    @Inject
    KeywardConfig config;

    @Context
    HttpServletRequest servlet;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = PublicOrigins.of(PublicOrigins.Settings.of(config), new PublicOrigins.Connection(servlet.getScheme(), servlet.getLocalAddr(),
                servlet.getLocalPort(), servlet.getRemoteAddr()), request::getHeaderString);
        URI base = request.getUriInfo().getBaseUri();
        URI requested = request.getUriInfo().getRequestUri();
        request.setRequestUri(URI.create(origin + base.getRawPath()),
                URI.create(origin + requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery())));
    }
}
