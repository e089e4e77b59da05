package io.keyward.server.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code GET /assets/{name}}: the pages' scripts (JavaScript modules) and style sheet. */
@RequestScoped
@Path("assets")
public class Assets {

    @GET
    @Path("{name}")
    public Response asset(@PathParam("name") String name) {
        return Pages.asset(name);
    }
}
