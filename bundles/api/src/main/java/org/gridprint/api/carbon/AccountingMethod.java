package org.gridprint.api.carbon;

/** GHG Protocol Scope 2 methods; Scope 1 records use DIRECT. */
public enum AccountingMethod {
    LOCATION_BASED,
    MARKET_BASED,
    DIRECT
}
