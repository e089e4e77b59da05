package io.keyward.server.graph;

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
 * Every absolute URL Keyward writes into a Graph response ({@code @odata.context}, {@code @odata.nextLink},
 * {@code Location}, an invitation's redeem link) is built from the request's base URI. That URI comes from the
 * {@code Host} header, which the caller chooses: a forged one would send the next page, or a guest's
 * invitation, to another server. This filter runs first and replaces the scheme and authority with
 * {@code keyward.base-url}, or, when that is not configured, with the address the connection was accepted on;
 * the path and query stay as sent.
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
        String origin = config.publicBaseUrl().orElseGet(this::acceptingAddress);
        URI base = request.getUriInfo().getBaseUri();
        URI requested = request.getUriInfo().getRequestUri();
        request.setRequestUri(URI.create(origin + base.getRawPath()),
                URI.create(origin + requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery())));
    }

    /** {@code scheme://local-address:port} of this connection: chosen by the server, not by the client. */
    private String acceptingAddress() {
        String address = servlet.getLocalAddr();
        String host = address.contains(":") ? "[" + address + "]" : address;
        return servlet.getScheme() + "://" + host + ":" + servlet.getLocalPort();
    }
}
