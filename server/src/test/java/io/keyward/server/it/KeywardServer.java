package io.keyward.server.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The deployment every integration test runs against: the server WAR exactly as built. */
final class KeywardServer {

    private KeywardServer() {
    }

    static WebArchive war() {
        File war = new File(System.getProperty("keyward.test.war", "target/keyward-server.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
