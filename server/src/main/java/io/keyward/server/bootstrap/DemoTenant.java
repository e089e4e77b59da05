package io.keyward.server.bootstrap;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.GroupService;
import io.keyward.server.directory.InvitationService;
import io.keyward.server.directory.NewGroup;
import io.keyward.server.directory.NewInvitation;
import io.keyward.server.directory.NewUser;
import io.keyward.server.directory.Tenant;
import io.keyward.server.directory.UserService;
import io.keyward.server.directory.UserType;
import io.keyward.server.platform.Actor;
import io.keyward.server.token.AppRegistrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The demo tenant of {@code ./keyward start-dev}: members, an accepted and a pending B2B guest, security
 * groups (one nested), a non-security group, and one app. Documented in docs/quick-start.md.
 */
@ApplicationScoped
public class DemoTenant {

    @Inject
    UserService users;

    @Inject
    GroupService groups;

    @Inject
    InvitationService invitations;

    @Inject
    AppRegistrations apps;

    @Transactional(Transactional.TxType.MANDATORY)
    public void seed(Tenant tenant, Actor actor) {
        String domain = tenant.defaultDomain();
        UUID alice = member("alice", "Alice Smith", domain, actor);
        UUID bob = member("bob", "Bob Jones", domain, actor);
        UUID carol = member("carol", "Carol White", domain, actor);
        UUID dave = member("dave", "Dave Brown", domain, actor);
        var accepted = invitations.invite(new NewInvitation("erin@fabrikam.example", "https://myapps.keyward.local",
                Optional.of("Erin (Fabrikam)"), UserType.Guest), actor);
        invitations.redeem(accepted.invitation().id().toString(), accepted.redeemCode());
        var pending = invitations.invite(new NewInvitation("frank@northwind.example", "https://myapps.keyward.local",
                Optional.of("Frank (Northwind)"), UserType.Guest), actor);

        UUID pilot = groups.create(new NewGroup("Passkey Pilot", Optional.of("Users piloting passkeys"),
                Optional.of("passkey-pilot"), true, false, List.of(alice, bob)), actor).id();
        groups.create(new NewGroup("Help Desk", Optional.of("Enrolls security keys at the kiosk"),
                Optional.of("helpdesk"), true, false, List.of(carol)), actor);
        groups.create(new NewGroup("Engineering", Optional.of("Security group that nests Passkey Pilot"),
                Optional.of("engineering"), true, false, List.of(dave, pilot)), actor);
        groups.create(new NewGroup("All Company", Optional.of("Mail-enabled, not a security group"),
                Optional.of("allcompany"), false, true,
                List.of(alice, bob, carol, dave, accepted.invitedUser().id(), pending.invitedUser().id())), actor);
        apps.register("Contoso Expenses", Set.of(), actor);
    }

    private UUID member(String alias, String displayName, String domain, Actor actor) {
        String[] names = displayName.split(" ");
        DirectoryUser user = users.create(new NewUser(alias + "@" + domain, displayName, Optional.of(names[0]),
                Optional.of(names[1]), Optional.of(alias + "@" + domain), true, Optional.empty()), actor);
        return user.id();
    }
}
