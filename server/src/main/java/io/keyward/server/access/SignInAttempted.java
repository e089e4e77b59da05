package io.keyward.server.access;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.platform.ReasonCode;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One sign-in attempt, allowed or refused, raised by the sign-in ceremony itself (passkey, Temporary Access Pass,
 * password) whatever the channel; the sign-in log observes it. A refusal carries its reason code and the message
 * the person was given.
 */
public record SignInAttempted(Optional<UUID> userId, Optional<String> userPrincipalName, Optional<String> userDisplayName,
                              SignInChannel channel, String method, Optional<String> methodDetail, Optional<Failure> failure,
                              Optional<UUID> aaguid, Optional<String> credentialId, Optional<String> auditOnlyReason,
                              AccessEvaluation conditionalAccess) {

    /** Why an attempt was refused. */
    public record Failure(ReasonCode reason, String message) {
    }

    public SignInAttempted {
        Objects.requireNonNull(channel);
        Objects.requireNonNull(method);
        Objects.requireNonNull(conditionalAccess);
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    public static Builder of(SignInChannel channel, String method) {
        return new Builder(channel, method);
    }

    /** Builds an attempt step by step, as a ceremony learns who and which credential it is about. */
    public static final class Builder {
        private final SignInChannel channel;
        private final String method;
        private Optional<DirectoryUser> user = Optional.empty();
        private Optional<String> methodDetail = Optional.empty();
        private Optional<UUID> aaguid = Optional.empty();
        private Optional<String> credentialId = Optional.empty();
        private Optional<String> auditOnlyReason = Optional.empty();
        private AccessEvaluation conditionalAccess = AccessEvaluation.none();

        private Builder(SignInChannel channel, String method) {
            this.channel = channel;
            this.method = method;
        }

        public Builder user(Optional<DirectoryUser> user) {
            this.user = user;
            return this;
        }

        public Builder user(DirectoryUser user) {
            return user(Optional.of(user));
        }

        public Builder methodDetail(String detail) {
            this.methodDetail = Optional.ofNullable(detail);
            return this;
        }

        public Builder credential(UUID aaguid, String credentialId) {
            this.aaguid = Optional.ofNullable(aaguid);
            this.credentialId = Optional.ofNullable(credentialId);
            return this;
        }

        public Builder auditOnlyReason(Optional<String> reason) {
            this.auditOnlyReason = reason;
            return this;
        }

        /** What conditional access made of this sign-in into the channel's app. */
        public Builder conditionalAccess(AccessEvaluation evaluation) {
            this.conditionalAccess = Objects.requireNonNull(evaluation);
            return this;
        }

        public SignInAttempted succeeded() {
            return build(Optional.empty());
        }

        public SignInAttempted refused(ReasonCode reason, String message) {
            return build(Optional.of(new Failure(reason, message)));
        }

        private SignInAttempted build(Optional<Failure> failure) {
            return new SignInAttempted(user.map(DirectoryUser::id), user.map(DirectoryUser::userPrincipalName),
                    user.map(DirectoryUser::displayName), channel, method, methodDetail, failure, aaguid, credentialId, auditOnlyReason,
                    conditionalAccess);
        }
    }
}
