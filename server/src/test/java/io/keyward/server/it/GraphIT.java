package io.keyward.server.it;

import io.keyward.server.token.GraphPermission;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;

/**
 * What every Graph integration test starts from: the server WAR as built, deployed to the provisioned WildFly, and
 * a client holding every Graph application permission ({@link #admin}). Tests arrange the rest themselves; a test
 * that changes the tenant's one passkey policy gets it restored afterwards, even when it fails
 * ({@link PasskeyPolicySnapshot}).
 */
@ExtendWith(ArquillianExtension.class)
@ExtendWith(PasskeyPolicySnapshot.class)
@RunAsClient
abstract class GraphIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return KeywardServer.war();
    }

    @ArquillianResource
    URL base;

    Graph graph;
    String admin;

    @BeforeEach
    void connectAsAdministrator() {
        graph = new Graph(URI.create(base.toString()));
        admin = graph.tokenWith(GraphPermission.allValues().toArray(String[]::new));
    }
}
