package io.keyward.server.audit;

import io.keyward.server.policy.ExcludeTarget;
import io.keyward.server.policy.Fido2Configuration;
import io.keyward.server.policy.IncludeTarget;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout preview's membership query on H2 in PostgreSQL mode, the development database (PasskeyReportsIT runs it
 * on PostgreSQL): members of nested groups and users named directly get the bits of the targets that name them.
 */
class PasskeyLockoutPreviewSqlTest {

    static final UUID PILOT = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    static final UUID TEAM = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000002");
    static final UUID CONTRACTORS = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000003");
    static final UUID NESTED = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID DIRECT = UUID.fromString("22222222-2222-4222-8222-222222222222");
    static final UUID NAMED = UUID.fromString("33333333-3333-4333-8333-333333333333");

    @Test
    void membersOfNestedGroupsAndNamedUsersGetTheBitsOfTheirTargets() throws Exception {
        PolicyAudience audience = PolicyAudience.of(Fido2Configuration.defaults().withIncludeTargets(List.of(IncludeTarget.group(PILOT),
                IncludeTarget.user(NAMED))).withExcludeTargets(List.of(ExcludeTarget.group(CONTRACTORS))));
        Map<UUID, Long> bits = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:lockout;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
             Statement sql = db.createStatement()) {
            sql.execute("create table directory_user (id uuid primary key)");
            sql.execute("create table group_member (group_id uuid not null, member_id uuid not null, member_type varchar(8) not null)");
            sql.execute("insert into directory_user values ('" + NESTED + "'), ('" + DIRECT + "'), ('" + NAMED + "')");
            sql.execute("insert into group_member values ('" + PILOT + "', '" + TEAM + "', 'group'), ('" + TEAM + "', '" + NESTED + "', 'user'), "
                    + "('" + PILOT + "', '" + DIRECT + "', 'user'), ('" + CONTRACTORS + "', '" + DIRECT + "', 'user')");
            try (ResultSet rows = sql.executeQuery(PasskeyLockoutPreview.membershipCte(audience) + "select user_id, m0 from membership")) {
                while (rows.next()) {
                    bits.put(rows.getObject(1, UUID.class), rows.getLong(2));
                }
            }
        }

        assertThat(audience.targets()).containsExactly(PILOT, CONTRACTORS, NAMED);
        assertThat(bits).containsOnly(Map.entry(NESTED, 1L), Map.entry(DIRECT, 1L + 2L), Map.entry(NAMED, 4L));
    }
}
