package io.keyward.server.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.SchemaMigration;
import io.keyward.server.platform.StartupFailure;
import io.keyward.server.token.SigningKeys;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs when the server application starts: makes the data directory private, migrates the schema, opens (and seals)
 * the token signing keys, runs the first-start bootstrap and reports how to sign in. A database or key problem fails
 * the deployment with a message that says what to check. Secrets never reach the log: the first start's go to
 * {@code bootstrap.json}, readable only by Keyward's account.
 */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Resource(lookup = "java:jboss/datasources/KeywardDS")
    DataSource dataSource;

    @Inject
    FirstStart firstStart;

    @Inject
    KeywardConfig config;

    @Inject
    SigningKeys signingKeys;

    @Inject
    AdminCenterRegistration adminCenter;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            DataDirectory.prepare(config.dataDirectory());
            SchemaMigration.migrate(dataSource);
            signingKeys.prepare();
            exportDevelopmentTlsKey();
            Optional<BootstrapResult> created = firstStart.run();
            adminCenter.ensureRegistered();
            created.ifPresent(this::report);
            if (created.isEmpty()) {
                LOG.info("Keyward started; tenant already exists, nothing seeded.");
            }
        } catch (StartupFailure e) {
            LOG.log(Level.SEVERE, "KEYWARD CANNOT START: " + e.getMessage());
            throw e;
        }
    }

    /** start-dev's certificate (in the data directory's tls/): its private key as PEM beside it, once. */
    private void exportDevelopmentTlsKey() {
        if (config.mode() != KeywardConfig.Mode.DEV) {
            return;
        }
        config.tlsKeystore().filter(store -> store.toAbsolutePath().normalize().startsWith(config.dataDirectory().toAbsolutePath().normalize()))
                .filter(Files::isRegularFile)
                .ifPresent(store -> TlsPrivateKey.exportBeside(store, config.tlsKeystoreType(),
                        config.tlsKeystorePassword().orElse("").toCharArray()));
    }

    private void report(BootstrapResult result) {
        String base = config.publicBaseUrl().orElse("http://localhost:8080");
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        bootstrap.put("tenantId", result.tenantId().toString());
        bootstrap.put("adminUserPrincipalName", result.adminUserPrincipalName());
        bootstrap.put("adminTemporaryAccessPass", result.adminTemporaryAccessPass());
        bootstrap.put("clientId", result.clientId());
        bootstrap.put("clientSecret", result.clientSecret());
        bootstrap.put("graphBaseUrl", base + "/graph/v1.0");
        bootstrap.put("tokenEndpoint", base + "/" + result.tenantId() + "/oauth2/v2.0/token");
        bootstrap.put("scope", config.graphResource() + "/.default");
        bootstrap.put("authority", base + "/" + result.tenantId());
        config.httpsBaseUrl().ifPresent(https -> {
            bootstrap.put("authorityHttps", https + "/" + result.tenantId());
            bootstrap.put("graphBaseUrlHttps", https + "/graph/v1.0");
        });
        config.tlsCertificate().ifPresent(certificate -> bootstrap.put("tlsCertificate", certificate.toAbsolutePath().toString()));
        Path file = writeBootstrapFile(bootstrap);
        // The log is readable by more people and kept longer than the secrets may be: it names the file, nothing more.
        LOG.info(() -> String.join(System.lineSeparator(),
                "",
                "==================================================================",
                " Keyward is ready (" + config.mode().name().toLowerCase() + " mode)",
                "   Sign-in:        " + base + "/",
                "   Admin center:   " + base + "/admin/",
                "   Graph API:      " + base + "/graph/v1.0",
                "   Token endpoint: " + bootstrap.get("tokenEndpoint"),
                "   Authority:      " + bootstrap.get("authority") + config.httpsBaseUrl().map(https -> " and " + bootstrap.get("authorityHttps")).orElse(""),
                "   OpenID Connect: " + bootstrap.get("authority") + "/v2.0/.well-known/openid-configuration",
                "   Tenant id:      " + result.tenantId(),
                " Bootstrap Global Administrator: " + result.adminUserPrincipalName(),
                " Bootstrap client (all Graph application permissions): " + result.clientId(),
                " The administrator's one-time Temporary Access Pass (valid 7 days) and the client secret are in",
                "   " + file.toAbsolutePath() + " (readable only by this account). Keyward stores only their hashes;",
                "   delete the file once you have used them.",
                "=================================================================="));
    }

    private Path writeBootstrapFile(Map<String, Object> bootstrap) {
        Path file = config.dataDirectory().resolve("bootstrap.json");
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "bootstrap", ".json");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the directory's own permissions protect the file.
            }
            Files.writeString(temp, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(bootstrap));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new StartupFailure("Cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
