package io.keyward.server.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.resteasy.core.ResteasyContext;
import org.jboss.weld.context.bound.Bound;
import org.jboss.weld.context.bound.BoundRequestContext;
import org.jboss.weld.context.http.Http;
import org.jboss.weld.context.http.HttpRequestContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends a request of a JSON batch through the servlet container to the Graph application, exactly as if it had
 * arrived alone: the same filters (token, permissions, query options, request id) and resources answer it. What would
 * otherwise be shared with the batch is made its own:
 * <ul>
 *   <li>CDI request scope: the batch's HTTP request context is set aside and a fresh one holds the inner request's
 *       beans ({@link GraphRequest}, the resources with their path parameters), destroyed when it ends;</li>
 *   <li>RESTEasy's per-thread context, which the inner dispatch clears when it finishes: the batch's is put back.</li>
 * </ul>
 */
@ApplicationScoped
public class InternalDispatch {

    @Inject
    @Http
    HttpRequestContext httpRequestContext;

    @Inject
    @Bound
    BoundRequestContext innerRequestContext;

    /** The servlet request and response of the batch itself (not RESTEasy's proxies, which follow the current dispatch). */
    record Batch(HttpServletRequest request, HttpServletResponse response) {
        static Batch current() {
            return new Batch(ResteasyContext.getContextData(HttpServletRequest.class), ResteasyContext.getContextData(HttpServletResponse.class));
        }
    }

    CapturedResponse dispatch(Batch batch, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        InnerRequest request = new InnerRequest(batch.request(), method, pathAndQuery, headers, body);
        CapturedResponse response = new CapturedResponse(batch.response());
        Map<Class<?>, Object> restContext = ResteasyContext.getContextDataMap(false);
        int restLevels = ResteasyContext.getContextDataLevelCount();
        Map<String, Object> beans = new HashMap<>();
        httpRequestContext.deactivate();
        innerRequestContext.associate(beans);
        innerRequestContext.activate();
        try {
            int question = pathAndQuery.indexOf('?');
            batch.request().getServletContext().getRequestDispatcher(question < 0 ? pathAndQuery : pathAndQuery.substring(0, question))
                    .forward(request, response);
        } catch (ServletException e) {
            throw new IllegalStateException("The servlet container could not dispatch a batch request", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                innerRequestContext.invalidate();
                innerRequestContext.deactivate();
            } finally {
                innerRequestContext.dissociate(beans);
                httpRequestContext.activate();
                while (restContext != null && ResteasyContext.getContextDataLevelCount() < restLevels) {
                    ResteasyContext.pushContextDataMap(restContext);
                }
            }
        }
        return response;
    }
}
