package org.gridprint.shell.carbon;

/** What the carbon commands print when a service they need is not there. */
final class CarbonMessages {

    private static final String STORE = "the store is not running (feature:install gridprint-store-derby, or "
            + "gridprint-store-postgres with etc/org.gridprint.store.postgres.cfg), or is older than api 1.2.";
    private static final String CARBON = "the carbon bundle is not running (feature:install gridprint-carbon)";

    static final String NO_WINDOW_STORE = "No EmissionWindowStore service: " + STORE;
    static final String NO_CATALOG = "No FactorCatalog service: " + CARBON + ".";
    static final String NO_INTENSITY = "No IntensityService service: " + CARBON + ".";
    static final String NO_RECALCULATION = "No RecalculationService service: " + CARBON + ".";
    static final String NO_WHATIF = "No WhatIfService service: " + CARBON + ".";
    static final String NO_INSTRUMENTS = "No InstrumentService service: " + CARBON + ".";
    static final String NO_PLAUSIBILITY = "No PlausibilityService service: " + CARBON + ".";

    private CarbonMessages() {
    }
}
