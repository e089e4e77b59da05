package io.keyward.server.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /}: the sign-in page, as at {@code GET /signin} ({@link SignInApi#page()}). The class matches only
 * when no other resource of the server root does, and has nothing but the root itself.
 */
@RequestScoped
@Path("/")
public class SignInPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response root() {
        return Pages.page("signin");
    }
}
