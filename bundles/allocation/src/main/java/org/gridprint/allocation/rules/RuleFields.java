package org.gridprint.allocation.rules;

import java.util.Set;

/** Field names of an {@code org.gridprint.allocation.rule} configuration (and of the rule set's canonical text). */
public final class RuleFields {

    public static final String PID = "org.gridprint.allocation.rule";

    public static final String NAME = "name";
    public static final String SITE = "site";
    public static final String DIMENSION = "dimension";
    public static final String POOL = "pool";
    public static final String MAIN = "main";
    public static final String METHOD = "method";
    public static final String SHARES = "shares";
    public static final String AREA = "area";
    public static final String HEADCOUNT = "headcount";
    public static final String OCCUPANCY = "occupancy";
    public static final String RUNTIME = "runtime";
    public static final String THERMAL = "thermal";

    /** The key fields: exactly the one of the rule's method may be set. */
    public static final Set<String> KEY_FIELDS = Set.of(SHARES, AREA, HEADCOUNT, OCCUPANCY, RUNTIME, THERMAL);

    private RuleFields() {
    }
}
