package org.gridprint.api.carbon;

/** GHG Protocol scopes. */
public enum Scope {
    /** Direct: fuels burned on site. */
    SCOPE_1,
    /** Purchased electricity, heat, steam, cooling. */
    SCOPE_2,
    /** Value chain; here category 3: transmission and distribution losses. */
    SCOPE_3
}
