package io.keyward.server.web;

import io.keyward.server.operations.CeremonyMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Times the requests of methods marked {@link Ceremony}, from the resource's matching to its response (refusals
 * included, answered by the exception mappers), into {@link CeremonyMetrics#ceremony}. The outcome is the status's
 * meaning: {@code success} (2xx, 3xx), {@code throttled} (429), {@code refused} (other 4xx), {@code error} (5xx).
 */
@Provider
@Ceremony
public class CeremonyTiming implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = CeremonyTiming.class.getName() + ".started";

    @Inject
    CeremonyMetrics metrics;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started) || resource.getResourceMethod() == null) {
            return;
        }
        Ceremony ceremony = resource.getResourceMethod().getAnnotation(Ceremony.class);
        if (ceremony == null || ceremony.value().isEmpty()) {
            return;
        }
        metrics.ceremony(ceremony.value(), outcome(response.getStatus()), System.nanoTime() - started);
    }

    static String outcome(int status) {
        if (status == 429) {
            return "throttled";
        }
        return status >= 500 ? "error" : status >= 400 ? "refused" : "success";
    }
}
