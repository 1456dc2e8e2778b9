package org.gridprint.api.allocation;

/**
 * Property keys of {@code gridprint/allocations/COMPUTED} ({@link org.gridprint.api.Topics#ALLOCATIONS_COMPUTED}),
 * posted once per computed (or recalculated) period. The period itself is in {@link org.gridprint.api.EventKeys#FROM}
 * and {@link org.gridprint.api.EventKeys#TO} (epoch ms, Long).
 */
public final class AllocationEvents {

    /** The site id (String). */
    public static final String SITE = "site";
    /** The dimension allocated by, e.g. {@code department} (String). */
    public static final String DIMENSION = "dimension";
    /** The stored version of the period's allocation (Integer): 1, then +1 per recalculation. */
    public static final String VERSION = "version";
    /** The version of the rule set it was computed with (Integer). */
    public static final String RULE_VERSION = "ruleVersion";
    /** The register ref of that rule set version (Long). */
    public static final String RULE_REF = "ruleRef";
    /** Why it was computed ({@code computed} or the recalculation's reason) (String). */
    public static final String REASON = "reason";

    private AllocationEvents() {
    }
}
