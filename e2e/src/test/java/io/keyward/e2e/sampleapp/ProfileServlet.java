package io.keyward.e2e.sampleapp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.wildfly.security.http.oidc.IDToken;
import org.wildfly.security.http.oidc.OidcPrincipal;

import java.io.IOException;
import java.util.List;

/**
 * The app's protected page (web.xml: any signed-in user): who signed in and how, from the ID token that
 * elytron-oidc-client verified. Scenarios read the elements by id.
 */
@WebServlet("/profile")
public class ProfileServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        IDToken token = ((OidcPrincipal<?>) request.getUserPrincipal()).getOidcSecurityContext().getIDToken();
        Object amr = token.getClaimValue("amr");
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><title>Sample app</title></head><body>"
                + "<h1 id=\"signed-in-as\">" + escape(token.getName()) + "</h1>"
                + "<dl><dt>Account</dt><dd id=\"preferred-username\">" + escape(token.getPreferredUsername()) + "</dd>"
                + "<dt>Object id</dt><dd id=\"oid\">" + escape(token.getSubject()) + "</dd>"
                + "<dt>Sign-in methods</dt><dd id=\"amr\">" + escape(amr instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                : String.valueOf(amr)) + "</dd>"
                + "<dt>Assurance</dt><dd id=\"acr\">" + escape(token.getAcr()) + "</dd></dl>"
                + "<p><a id=\"sign-out\" href=\"sign-out\">Sign out</a></p></body></html>");
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
