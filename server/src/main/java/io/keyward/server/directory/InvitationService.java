package io.keyward.server.directory;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * B2B invitations: creating one creates a Guest account ({@code creationType} Invitation, state
 * PendingAcceptance); redeeming its code sets the state to Accepted.
 */
@ApplicationScoped
public class InvitationService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    @Inject
    UserService users;

    @Inject
    TenantService tenants;

    @Inject
    DirectoryChanges changeOrder;

    @Transactional
    public IssuedInvitation invite(NewInvitation request, Actor actor) {
        String email = request.invitedUserEmailAddress() == null ? "" : request.invitedUserEmailAddress().trim();
        if (!EMAIL.matcher(email).matches()) {
            throw Refused.invalid("Property invitedUserEmailAddress '" + email + "' is not a valid e-mail address.");
        }
        String redirect = requireRedirect(request.inviteRedirectUrl());
        String upn = UserPrincipalNames.forGuest(email.toLowerCase(Locale.ROOT), tenants.current().defaultDomain());
        DirectoryUser user = users.findByUpn(upn).orElseGet(() -> {
            DirectoryUser guest = new DirectoryUser(UUID.randomUUID(), upn,
                    request.invitedUserDisplayName().filter(n -> !n.isBlank()).orElse(email), UserType.Guest, clock.instant());
            guest.setMail(email);
            guest.markInvited(clock.instant());
            if (request.invitedUserType() == UserType.Member) {
                guest.setUserType(UserType.Member);
            }
            users.persistUnique(guest);
            return guest;
        });
        String code = SecretHasher.generateSecret(32);
        Invitation invitation = new Invitation(UUID.randomUUID(), user.id(), email, redirect,
                SecretHasher.hashSecret(code), clock.instant());
        em.persist(invitation);
        audit.fire(AuditRecord.of(UserService.CATEGORY, "Invite external user", actor).operation("Add")
                .target("User", user.id(), user.userPrincipalName())
                .change("invitedUserEmailAddress", null, email)
                .change("externalUserState", null, user.externalUserState().map(Enum::name).orElse(null))
                .build());
        return new IssuedInvitation(invitation, user, code);
    }

    /** Redeems an invitation with its one-time code: the guest's state becomes Accepted. */
    @Transactional
    public Invitation redeem(String invitationId, String code) {
        Invitation invitation = UserService.parseId(invitationId).map(id -> em.find(Invitation.class, id))
                .orElseThrow(() -> Refused.notFound("invitation", invitationId));
        if (invitation.isRedeemed()) {
            throw new Refused(ReasonCode.INVALID_REQUEST, "This invitation has already been redeemed.");
        }
        if (code == null || !SecretHasher.matchesSecret(code, invitation.redeemCodeHash())) {
            throw new Refused(ReasonCode.ACCESS_DENIED, "The invitation code is not valid.");
        }
        DirectoryUser user = em.find(DirectoryUser.class, invitation.invitedUserId());
        user.stampChange(changeOrder.next());
        invitation.redeem(clock.instant());
        String before = user.externalUserState().map(Enum::name).orElse(null);
        user.acceptInvitation(clock.instant());
        audit.fire(AuditRecord.of(UserService.CATEGORY, "Redeem external user invite", new Actor(Actor.Kind.user,
                        user.id().toString(), user.userPrincipalName()))
                .target("User", user.id(), user.userPrincipalName())
                .change("externalUserState", before, "Accepted")
                .build());
        return invitation;
    }

    private static String requireRedirect(String url) {
        if (url == null || url.isBlank()) {
            throw Refused.invalid("Property inviteRedirectUrl is required.");
        }
        try {
            URI uri = URI.create(url.trim());
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw Refused.invalid("Property inviteRedirectUrl must be an absolute http or https URL.");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw Refused.invalid("Property inviteRedirectUrl '" + url + "' is not a valid URL.");
        }
    }
}
