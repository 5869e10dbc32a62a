package io.missioncontrol.platform.tenancy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a member may do in an organization, each role including the ones below it: a viewer reads; a member also
 * writes tasks; an admin also manages boards, members and agents; an owner also manages owners and may delete the
 * organization. The admin token acts as an owner everywhere.
 */
public enum Role {
    VIEWER, MEMBER, ADMIN, OWNER;

    /** The words of the API and the database. */
    public static final String WIRE_NAMES = "owner, admin, member, viewer";

    public boolean atLeast(Role minimum) {
        return compareTo(minimum) >= 0;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A role as stored or as already validated; anything else is a programming error. */
    public static Role fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
