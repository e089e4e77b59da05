package io.keyward.server.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A group. Only security groups ({@code securityEnabled}) can be targets of authentication policies;
 * mail-enabled, non-security groups exist for collaboration.
 */
@Entity
@Table(name = "directory_group")
public class Group {

    @Id
    private UUID id;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "description")
    private String description;

    @Column(name = "mail_nickname")
    private String mailNickname;

    @Column(name = "mail")
    private String mail;

    @Column(name = "security_enabled", nullable = false)
    private boolean securityEnabled;

    @Column(name = "mail_enabled", nullable = false)
    private boolean mailEnabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Group() {
    }

    public Group(UUID id, String displayName, boolean securityEnabled, boolean mailEnabled, Instant createdAt) {
        this.id = id;
        this.displayName = displayName;
        this.securityEnabled = securityEnabled;
        this.mailEnabled = mailEnabled;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String description() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String mailNickname() {
        return mailNickname;
    }

    public void setMailNickname(String mailNickname) {
        this.mailNickname = mailNickname;
    }

    public String mail() {
        return mail;
    }

    public void setMail(String mail) {
        this.mail = mail;
    }

    public boolean securityEnabled() {
        return securityEnabled;
    }

    public void setSecurityEnabled(boolean securityEnabled) {
        this.securityEnabled = securityEnabled;
    }

    public boolean mailEnabled() {
        return mailEnabled;
    }

    public void setMailEnabled(boolean mailEnabled) {
        this.mailEnabled = mailEnabled;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
