package org.gridprint.carbon.bills;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.carbon.catalog.Units;

/**
 * Therms as energy in kWh: 1 therm = 100,000 Btu (International Table, 1 Btu = 1055.05585262 J exactly, NIST SP 811)
 * = 105,505,585.262 J = 29.307107017222… kWh (3,600,000 J). The quotient does not terminate: an amount is rounded once,
 * HALF_EVEN to the nano-kWh; a rate per therm becomes a rate per kWh rounded HALF_EVEN to {@link Units#SCALE} places
 * of a gram, like the catalog's own non-terminating conversions.
 */
final class ThermEnergy {

    static final BigDecimal JOULES_PER_THERM = new BigDecimal("105505585.262");
    static final BigDecimal JOULES_PER_KWH = new BigDecimal("3600000");

    private ThermEnergy() {
    }

    /** Therms → nano-kWh, rounded once (HALF_EVEN). */
    static BigDecimal thermsToNanoKwh(BigDecimal therms) {
        return therms.multiply(JOULES_PER_THERM).movePointRight(9).divide(JOULES_PER_KWH, 0, RoundingMode.HALF_EVEN);
    }

    /**
     * The kWh version of a per-therm fuel factor: id {@code <therm id>/kWh}, g CO2e per kWh, the same provenance and
     * validity, the source saying how it was converted.
     */
    static FactorVersion perKwh(FactorVersion perTherm) {
        var grams = perTherm.gramsPerUnit().multiply(JOULES_PER_KWH).divide(JOULES_PER_THERM, Units.SCALE,
                RoundingMode.HALF_EVEN);
        return new FactorVersion(perTherm.id() + "/kWh", perTherm.kind(), perTherm.scope(), perTherm.method(),
                perTherm.region(), perTherm.publishedValue(), perTherm.publishedUnit(), Units.canonical(grams),
                Units.KWH, perTherm.gwpSet(), perTherm.source() + "; per kWh of fuel heat (HHV): "
                        + Units.canonical(perTherm.gramsPerUnit()).toPlainString() + " g/therm, 1 therm = 100,000 Btu"
                        + " (IT) = 105,505,585.262 J = 29.307107017222... kWh, rounded HALF_EVEN to 12 places",
                perTherm.edition(), perTherm.validFrom(), perTherm.validTo(), perTherm.provider(),
                perTherm.estimated(), perTherm.model());
    }
}
