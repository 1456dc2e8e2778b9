package org.gridprint.api.carbon;

/**
 * Average and marginal grid intensity are stored apart and never mixed.
 *
 * @since 1.2.0
 */
public enum IntensitySignal {
    /** Average intensity of the grid mix (UK CI, Electricity Maps, WattTime co2_aoer, files): may price windows. */
    AVERAGE,
    /** Marginal operating emission rate (WattTime co2_moer): what-if only, never in inventory totals. */
    MARGINAL
}
