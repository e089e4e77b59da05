package io.keyward.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/** The {@code bootstrap.json} that {@code ./keyward start-dev} writes into the data directory on first start. */
record Bootstrap(String tenantId, String adminUserPrincipalName, String adminTemporaryAccessPass,
                 String clientId, String clientSecret, String graphBaseUrl, String tokenEndpoint, String scope,
                 String authority, String authorityHttps, String graphBaseUrlHttps, String tlsCertificate) {

    static final String FILE_NAME = "bootstrap.json";

    static Bootstrap read(Path dataDirectory) throws IOException {
        return new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(dataDirectory.resolve(FILE_NAME).toFile(), Bootstrap.class);
    }
}
