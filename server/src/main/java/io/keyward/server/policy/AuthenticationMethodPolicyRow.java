package io.keyward.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One authentication method's configuration as a JSON document ({@link Fido2ConfigurationDocument}), its version
 * (the ETag) and last change. A null document is the default configuration.
 */
@Entity
@Table(name = "authentication_method_policy")
public class AuthenticationMethodPolicyRow {

    static final String FIDO2 = "fido2";

    @Id
    @Column(name = "method_id")
    private String methodId;

    @Column(name = "configuration")
    private String configuration;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "modified_at", nullable = false)
    private Instant modifiedAt;

    protected AuthenticationMethodPolicyRow() {
    }

    AuthenticationMethodPolicyRow(String methodId, Instant modifiedAt) {
        this.methodId = methodId;
        this.modifiedAt = modifiedAt;
    }

    StoredFido2Configuration fido2() {
        Fido2Configuration parsed = configuration == null ? Fido2Configuration.defaults() : Fido2ConfigurationDocument.read(configuration);
        return new StoredFido2Configuration(parsed, version, modifiedAt);
    }

    void store(Fido2Configuration next, Instant at) {
        this.configuration = Fido2ConfigurationDocument.write(next).toString();
        this.version++;
        this.modifiedAt = at;
    }
}
