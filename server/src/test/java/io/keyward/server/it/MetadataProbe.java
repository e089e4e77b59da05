package io.keyward.server.it;

import io.keyward.server.metadata.AdminMetadata;
import io.keyward.server.metadata.AdminMetadataStatement;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.metadata.Mds3BlobVerifier;
import io.keyward.server.metadata.Pem;
import io.keyward.server.metadata.VerifiedBlob;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.Refused;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Added to the WAR by {@link MetadataIT} only: runs the metadata domain inside WildFly, so the test proves that the
 * bundled webauthn4j and Jackson 3 work next to WildFly's Jackson 2, and that the metadata tables and cache work.
 */
@WebServlet("/it-probe/metadata/*")
public class MetadataProbe extends HttpServlet {

    @Inject
    AdminMetadata admin;

    @Inject
    AuthenticatorMetadata metadata;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        try {
            String answer = switch (request.getPathInfo()) {
                case "/verify" -> verify(request);
                case "/admin" -> defineUseAndRemove(request);
                default -> throw Refused.invalid("unknown probe " + request.getPathInfo());
            };
            response.getWriter().write(answer);
        } catch (Refused refused) {
            response.setStatus(400);
            response.getWriter().write(refused.reason().code() + ": " + refused.getMessage());
        }
    }

    private static String verify(HttpServletRequest request) {
        Mds3BlobVerifier verifier = new Mds3BlobVerifier(Pem.certificates(request.getParameter("root")));
        VerifiedBlob blob = verifier.verify(request.getParameter("blob").getBytes(StandardCharsets.US_ASCII));
        return "no=" + blob.no() + " entries=" + blob.entries().size() + " description=" + blob.entries().get(0).description();
    }

    private String defineUseAndRemove(HttpServletRequest request) {
        UUID aaguid = UUID.fromString(request.getParameter("aaguid"));
        var leaf = Pem.certificates(request.getParameter("leaf"));
        Actor actor = Actor.system("MetadataIT");
        admin.define(AdminMetadataStatement.fromPem(aaguid, request.getParameter("description"), "", request.getParameter("key")), actor);
        String defined = "model=" + metadata.modelName(aaguid) + " trusted=" + metadata.trusts(aaguid, leaf);
        admin.remove(aaguid, actor);
        return defined + " after-removal=" + metadata.modelName(aaguid) + " trusted=" + metadata.trusts(aaguid, leaf);
    }
}
