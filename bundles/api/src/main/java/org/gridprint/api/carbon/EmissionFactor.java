package org.gridprint.api.carbon;

import java.util.Objects;

/**
 * An emission factor with everything needed to cite and recompute it.
 *
 * @param gramsCo2ePerUnit grams CO2e per canonical unit of the activity (per kWh for electricity)
 * @param unit             e.g. "g CO2e/kWh"
 * @param source           who published it, e.g. "US EPA eGRID2022, Table 1, subregion RFCE"
 * @param edition          edition and revision, e.g. "eGRID2022 (2024-01-30)"
 * @param gwpSet           GWP set behind the CO2e, e.g. "AR4"
 * @param region           the grid region or site it applies to
 */
public record EmissionFactor(double gramsCo2ePerUnit, String unit, String source, String edition, String gwpSet,
        String region, Scope scope, AccountingMethod method) {

    public EmissionFactor {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(edition, "edition");
        Objects.requireNonNull(gwpSet, "gwpSet");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(method, "method");
        if (!(gramsCo2ePerUnit >= 0) || Double.isInfinite(gramsCo2ePerUnit)) {
            throw new IllegalArgumentException("emission factor must be a finite number >= 0, was " + gramsCo2ePerUnit);
        }
    }
}
