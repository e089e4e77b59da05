package io.keyward.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Optional;

/**
 * Sign out (a Faces POST from the bar, so the view state guards it like every change): ends the admin center's session
 * and sends the browser to Keyward's end session endpoint, which ends the Keyward sign-in too and comes back to
 * {@code /admin/signed-out.xhtml}.
 */
@Named
@RequestScoped
public class SignOut {

    @Inject
    HttpServletRequest request;

    public void signOut() throws IOException {
        Optional<SignedInAdmin> admin = SignedInAdmin.of(request);
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        context.invalidateSession();
        String base = AdminSettings.serverUrl();
        context.redirect(base + "/" + AdminSettings.tenant() + "/oauth2/v2.0/logout?client_id=" + Graph.encode(AdminSettings.clientId())
                + "&post_logout_redirect_uri=" + Graph.encode(base + "/admin/signed-out.xhtml")
                + admin.map(SignedInAdmin::idToken).filter(t -> t != null).map(t -> "&id_token_hint=" + Graph.encode(t)).orElse(""));
        FacesContext.getCurrentInstance().responseComplete();
    }
}
