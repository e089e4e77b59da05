package io.keyward.server.audit;

import io.keyward.server.access.SignInAttempted;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.platform.query.CaseFolded;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One sign-in attempt (Graph {@code signIn}). */
@Entity
@Table(name = "sign_in_log")
public class SignInEntry {

    /** The {@code status.errorCode} of a refused sign-in (Entra's "authentication failed during strong authentication"). */
    public static final int FAILURE_ERROR_CODE = 500121;

    @Id
    private UUID id;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "user_id")
    private UUID userId;
    @Column(name = "user_principal_name")
    private String userPrincipalName;
    /** The user principal name lower-cased, for the case-insensitive filter on it (its index serves the filter). */
    @CaseFolded
    @Column(name = "upn_key")
    private String upnKey;
    @Column(name = "user_display_name")
    private String userDisplayName;
    @Column(name = "app_id", nullable = false)
    private String appId;
    @Column(name = "app_display_name", nullable = false)
    private String appDisplayName;
    @Column(name = "ip_address")
    private String ipAddress;
    @Column(name = "client_app", nullable = false)
    private String clientApp;
    @Column(nullable = false)
    private String method;
    @Column(name = "method_detail")
    private String methodDetail;
    @Column(nullable = false)
    private boolean succeeded;
    @Column(name = "error_code", nullable = false)
    private int errorCode;
    @Column(name = "reason_code")
    private String reasonCode;
    @Column(name = "failure_reason")
    private String failureReason;
    @Column
    private UUID aaguid;
    @Column(name = "credential_id")
    private String credentialId;
    @Column(name = "audit_only_reason")
    private String auditOnlyReason;
    @Column(name = "conditional_access_status")
    private String conditionalAccessStatus;
    /** {@code appliedConditionalAccessPolicies} as Graph writes them (a JSON array). */
    @Column(name = "applied_conditional_access")
    private String appliedConditionalAccess;

    protected SignInEntry() {
    }

    SignInEntry(UUID id, Instant createdAt, SignInAttempted r) {
        this.id = id;
        this.createdAt = createdAt;
        this.userId = r.userId().orElse(null);
        this.userPrincipalName = r.userPrincipalName().map(s -> truncate(s, 113)).orElse(null);
        this.upnKey = userPrincipalName == null ? null : DirectoryUser.upnKey(userPrincipalName);
        this.userDisplayName = r.userDisplayName().map(s -> truncate(s, 256)).orElse(null);
        this.appId = r.channel().appId();
        this.appDisplayName = r.channel().appDisplayName();
        this.ipAddress = r.channel().ipAddress().map(s -> truncate(s, 64)).orElse(null);
        this.clientApp = r.channel().clientApp();
        this.method = r.method();
        this.methodDetail = r.methodDetail().map(s -> truncate(s, 256)).orElse(null);
        this.succeeded = r.succeeded();
        this.errorCode = succeeded ? 0 : FAILURE_ERROR_CODE;
        this.reasonCode = r.failure().map(f -> f.reason().code()).orElse(null);
        this.failureReason = r.failure().map(f -> truncate(f.message(), 1024)).orElse(null);
        this.aaguid = r.aaguid().orElse(null);
        // Whatever a client sent is logged, but never more than a credential id can be (1,023 bytes, base64url).
        this.credentialId = r.credentialId().map(s -> truncate(s, 1364)).orElse(null);
        this.auditOnlyReason = r.auditOnlyReason().orElse(null);
        this.conditionalAccessStatus = r.conditionalAccess().status().name();
        this.appliedConditionalAccess = AppliedPoliciesJson.write(r.conditionalAccess().policies());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    public UUID id() { return id; }
    public Instant createdAt() { return createdAt; }
    public Optional<UUID> userId() { return Optional.ofNullable(userId); }
    public Optional<String> userPrincipalName() { return Optional.ofNullable(userPrincipalName); }
    public Optional<String> userDisplayName() { return Optional.ofNullable(userDisplayName); }
    public String appId() { return appId; }
    public String appDisplayName() { return appDisplayName; }
    public Optional<String> ipAddress() { return Optional.ofNullable(ipAddress); }
    public String clientApp() { return clientApp; }
    public String method() { return method; }
    public Optional<String> methodDetail() { return Optional.ofNullable(methodDetail); }
    public boolean succeeded() { return succeeded; }
    public int errorCode() { return errorCode; }
    public Optional<String> reasonCode() { return Optional.ofNullable(reasonCode); }
    public Optional<String> failureReason() { return Optional.ofNullable(failureReason); }
    public Optional<UUID> aaguid() { return Optional.ofNullable(aaguid); }
    public Optional<String> credentialId() { return Optional.ofNullable(credentialId); }
    public Optional<String> auditOnlyReason() { return Optional.ofNullable(auditOnlyReason); }
    /** {@code success}, {@code failure} or {@code notApplied}; entries written before conditional access existed say notApplied. */
    public String conditionalAccessStatus() { return conditionalAccessStatus == null ? "notApplied" : conditionalAccessStatus; }
    /** The {@code appliedConditionalAccessPolicies} JSON array. */
    public String appliedConditionalAccess() { return appliedConditionalAccess == null ? "[]" : appliedConditionalAccess; }
}
