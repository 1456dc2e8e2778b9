package org.gridprint.api.carbon;

/**
 * What a factor version stands for. Inventory totals use average factors only: a {@link #GRID_MARGINAL} value
 * never goes into an emission window (it serves the what-if only).
 *
 * @since 1.2.0
 */
public enum FactorKind {
    /** Grid average emission rate (eGRID output rate, a provider's average/lifecycle or direct intensity). */
    GRID_AVERAGE,
    /** Marginal operating emission rate (WattTime co2_moer): never in inventory totals. */
    GRID_MARGINAL,
    /** Residual mix (market-based, after tracked instruments are removed from the grid mix). */
    RESIDUAL_MIX,
    /** A supplier-specific rate (market-based). */
    SUPPLIER_SPECIFIC,
    /** A contract's rate: PPA or other contractual instrument (market-based). */
    CONTRACT,
    /** An energy attribute certificate's rate (REC/GO), usually 0. */
    CERTIFICATE,
    /** A stationary-combustion fuel factor (Scope 1). */
    FUEL,
    /** Grid gross loss share (Scope 3 category 3): the factor value is the loss fraction, not g/kWh. */
    GRID_LOSS
}
