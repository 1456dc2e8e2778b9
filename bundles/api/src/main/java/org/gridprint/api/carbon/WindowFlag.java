package org.gridprint.api.carbon;

/**
 * What an accounting window carries besides its numbers. Flags are part of the window's canonical form (ledgered).
 *
 * @since 1.2.0
 */
public enum WindowFlag {
    /** An interval behind the window spans more than the site's allowed number of poll periods without readings. */
    GAP_SPANNED,
    /** The implied power of an interval behind the window exceeds the meter's maximum: excluded from totals. */
    SUSPECT_SPIKE,
    /** An operator accepted a SUSPECT_SPIKE window: counted again, the flag stays beside it. */
    ACCEPTED,
    /** An operator corrected the window's energy (the reason is in the window's version history). */
    CORRECTED,
    /** The counter rolled over inside an interval behind the window. */
    ROLLOVER,
    /** The counter was reset (or dropped) inside an interval behind the window; that interval counts 0. */
    COUNTER_RESET,
    /** Energy integrated from power readings: an estimate. */
    FROM_POWER,
    /** A static asset's ghost load during unoccupied hours: an estimate, not a measurement. */
    GHOST_LOAD,
    /** The factor did not come from the first-ranked provider of the site (the factor version names who served). */
    FALLBACK,
    /** The catalog had no factor for the consumption year: the latest published edition was used (the policy). */
    LATEST_PUBLISHED,
    /** Market-based with no instrument, contract, supplier rate or residual mix: grid average, disclosed. */
    GRID_AVERAGE_DISCLOSED,
    /** The intensity value used was estimated by its provider (e.g. Electricity Maps isEstimated). */
    PROVIDER_ESTIMATED,
    /** The intensity value used was a forecast (no actual was available when computed). */
    FORECAST,
    /** Self-consumed on-site generation was netted out: only grid-sourced energy carries the grid factor. */
    ONSITE_NETTED,
    /**
     * Computed by a virtual meter's formula from the windows of other meters, not measured.
     *
     * @since 1.3.0
     */
    VIRTUAL
}
