package io.keyward.e2e.sampleapp;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.wildfly.security.http.oidc.OidcPrincipal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Sign-out (OpenID Connect RP-Initiated Logout 1.0): ends the app's session, then sends the browser to Keyward's end
 * session endpoint (a context parameter, from Keyward's discovery document) with the ID token as the hint and the app's
 * signed-out page as the registered {@code post_logout_redirect_uri}.
 */
@WebServlet("/sign-out")
public class SignOutServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String idToken = ((OidcPrincipal<?>) request.getUserPrincipal()).getOidcSecurityContext().getIDTokenString();
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        String signedOut = request.getRequestURL().toString().replaceFirst("/sign-out$", "/signed-out.html");
        response.sendRedirect(getServletContext().getInitParameter("keyward.end-session-endpoint")
                + "?id_token_hint=" + encode(idToken) + "&post_logout_redirect_uri=" + encode(signedOut)
                + "&state=" + UUID.randomUUID());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
