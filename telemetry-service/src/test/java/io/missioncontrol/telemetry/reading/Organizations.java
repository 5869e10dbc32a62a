package io.missioncontrol.telemetry.reading;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Organizations and members in the service's membership copy, as mc.organizations would have built it: the read side's
 * access checks read nothing else.
 */
public final class Organizations {

    public static UUID create(DatabaseClient db) {
        UUID organization = UUID.randomUUID();
        db.sql("INSERT INTO mc_replica_organization (id, live, version) VALUES (:id, TRUE, 1)")
                .bind("id", organization).then().block();
        return organization;
    }

    /** @return the member's subject, for {@code TestTokens.user(subject)} */
    public static String member(DatabaseClient db, UUID organization, String role) {
        String subject = role + "-" + UUID.randomUUID();
        db.sql("""
                        INSERT INTO mc_replica_membership (organization_id, member_id, subject, email, role)
                        VALUES (:organization, :member, :subject, NULL, :role)""")
                .bind("organization", organization).bind("member", UUID.randomUUID()).bind("subject", subject)
                .bind("role", role).then().block();
        return subject;
    }

    private Organizations() {
    }
}
