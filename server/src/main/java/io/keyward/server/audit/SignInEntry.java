package io.keyward.server.audit;

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

    @Id
    private UUID id;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "user_id")
    private UUID userId;
    @Column(name = "user_principal_name")
    private String userPrincipalName;
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

    protected SignInEntry() {
    }

    SignInEntry(UUID id, Instant createdAt, SignInRecord r) {
        this.id = id;
        this.createdAt = createdAt;
        this.userId = r.userId().orElse(null);
        this.userPrincipalName = r.userPrincipalName().orElse(null);
        this.userDisplayName = r.userDisplayName().orElse(null);
        this.appId = r.appId();
        this.appDisplayName = r.appDisplayName();
        this.ipAddress = r.ipAddress().orElse(null);
        this.clientApp = r.clientApp();
        this.method = r.method();
        this.methodDetail = r.methodDetail().orElse(null);
        this.succeeded = r.refusal().isEmpty();
        this.errorCode = succeeded ? 0 : SignInRecord.FAILURE_ERROR_CODE;
        this.reasonCode = r.refusal().map(f -> f.reason().code()).orElse(null);
        this.failureReason = r.refusal().map(f -> truncate(f.message(), 1024)).orElse(null);
        this.aaguid = r.aaguid().orElse(null);
        this.credentialId = r.credentialId().orElse(null);
        this.auditOnlyReason = r.auditOnlyReason().orElse(null);
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
}
