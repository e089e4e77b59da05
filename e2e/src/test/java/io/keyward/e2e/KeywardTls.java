package io.keyward.e2e;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Trust in the certificate {@code ./keyward start-dev} generated ({@code tlsCertificate} in bootstrap.json), as a
 * developer sets it up for a Java client: a PKCS12 trust store file made from the PEM with that one certificate.
 */
final class KeywardTls {

    private final Path trustStore;
    private final TrustManagerFactory trustManagers;
    private final X509Certificate certificate;

    private KeywardTls(Path trustStore, TrustManagerFactory trustManagers, X509Certificate certificate) {
        this.trustStore = trustStore;
        this.trustManagers = trustManagers;
        this.certificate = certificate;
    }

    static final char[] PASSWORD = "changeit".toCharArray();

    /** Reads the PEM certificate and writes a trust store holding it alone into {@code directory}. */
    static KeywardTls trusting(Path pemCertificate, Path directory) throws IOException, GeneralSecurityException {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(pemCertificate)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("keyward-dev", certificate);
        Path file = directory.resolve("keyward-truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in, PASSWORD);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(loaded);
        return new KeywardTls(file, factory, certificate);
    }

    Path trustStore() {
        return trustStore;
    }

    X509Certificate certificate() {
        return certificate;
    }

    TrustManagerFactory trustManagerFactory() {
        return trustManagers;
    }

    X509TrustManager trustManager() {
        return (X509TrustManager) trustManagers.getTrustManagers()[0];
    }

    SSLContext sslContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
