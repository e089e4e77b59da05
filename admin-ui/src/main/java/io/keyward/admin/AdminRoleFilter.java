package io.keyward.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Only holders of a directory role enter: anyone else who signed in gets the "you need an admin role" page (403), on
 * every path but the style sheet, the sign-out and the pages shown to people without a role.
 */
@WebFilter(urlPatterns = "/*")
public class AdminRoleFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(AdminRoleFilter.class.getName());
    static final String ADMIN = SignedInAdmin.class.getName();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getServletPath();
        if (path.startsWith("/resources/") || path.equals("/signed-out.xhtml")) {
            chain.doFilter(request, response);
            return;
        }
        Optional<SignedInAdmin> admin = SignedInAdmin.of(request);
        if (admin.isPresent() && admin.get().isAdmin()) {
            request.setAttribute(ADMIN, admin.get());
            chain.doFilter(request, response);
            return;
        }
        if (admin.isPresent()) {
            LOG.info(() -> "notAnAdministrator: " + admin.get().userPrincipalName() + " signed in to the admin center without a directory role; "
                    + "shown the 'you need an admin role' page");
            request.setAttribute(ADMIN, admin.get());
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        request.getRequestDispatcher("/no-role.xhtml").forward(request, response);
    }
}
