package io.keyward.server.audit;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.webauthn.PasskeyRegistrationRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Writes refused passkey registrations to the directory audit log (result {@code failure}, the reason code and the
 * message), in a transaction of their own, since the refused ceremony rolls its own work back.
 */
@ApplicationScoped
public class RegistrationRefusals {

    @Inject
    DirectoryAuditLog audit;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(@Observes PasskeyRegistrationRefused refusal) {
        audit.record(AuditRecord.of("UserManagement", "User registered security info", refusal.actor())
                .operation("Add")
                .target("User", refusal.user().id(), refusal.user().userPrincipalName())
                .change("registrationChannel", null, refusal.channel().name())
                .change("aaGuid", null, refusal.aaguid().map(Object::toString).orElse(null))
                .refused(refusal.reason(), refusal.message())
                .build());
    }
}
