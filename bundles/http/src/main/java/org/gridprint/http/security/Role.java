package org.gridprint.http.security;

/**
 * The Gridprint roles, as Karaf JAAS and the console ACLs know them: a viewer reads; an operator also submits
 * operational data (readings, job stamps, meter logs) and exports; an admin also enters utility bills (they change
 * tenant statements after the fact, like a recalculation). Higher roles include the lower ones.
 */
public enum Role {
    VIEWER("viewer"), OPERATOR("operator"), ADMIN("admin");

    private final String jaasName;

    Role(String jaasName) {
        this.jaasName = jaasName;
    }

    public String jaasName() {
        return jaasName;
    }
}
