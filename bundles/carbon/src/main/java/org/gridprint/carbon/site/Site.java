package org.gridprint.carbon.site;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated site configuration as the carbon engine and its parts see it (the engine owns parsing it from the
 * factory PID {@code org.gridprint.carbon.site}).
 *
 * @param window             accounting window length: 1, 5, 15, 30 or 60 minutes (default 60 = UTC hours)
 * @param locationSeries     catalog series for location-based Scope 2 when no intensity provider covers a window,
 *                           ranked (e.g. {@code egrid/subregion/CAMX/co2e}, then {@code egrid/state/CA/co2e})
 * @param lossSeries         catalog series of the grid gross loss (Scope 3.3), empty: no Scope 3.3
 * @param market             market boundary for instruments (e.g. {@code US})
 * @param supplierSeries     catalog/operator series of a supplier-specific rate (market-based), empty if none
 * @param residualMixSeries  catalog/operator series of the residual mix (market-based), empty if none
 * @param fuelSeries         per fuel meter id: catalog series, e.g. {@code fuel/natural_gas/m3} (Scope 1)
 * @param maxPowerKw         site-wide plausibility limit per meter in kW (implied power above it: SUSPECT)
 * @param meterMaxPowerKw    per-meter limits in kW (override the site limit)
 * @param gapThreshold       an interval longer than this between two readings is GAP_SPANNED
 * @param generationMeters   on-site generation meters (their energy self-consumed is not charged grid intensity)
 * @param exportMeters       export meters (exported energy is never subtracted from Scope 2)
 * @param netMeter           the load meter from which self-consumed generation is netted, empty if none
 */
public record Site(String id, String name, ZoneId timeZone, String gwpSet, Duration window, List<String> locationSeries,
        String lossSeries, String market, String supplierSeries, String residualMixSeries,
        Map<String, String> fuelSeries, BigDecimal maxPowerKw, Map<String, BigDecimal> meterMaxPowerKw,
        Duration gapThreshold, List<String> generationMeters, List<String> exportMeters, String netMeter) {

    public Site {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(gwpSet, "gwpSet");
        Objects.requireNonNull(window, "window");
        locationSeries = List.copyOf(locationSeries);
        lossSeries = lossSeries == null ? "" : lossSeries;
        market = market == null ? "" : market;
        supplierSeries = supplierSeries == null ? "" : supplierSeries;
        residualMixSeries = residualMixSeries == null ? "" : residualMixSeries;
        fuelSeries = Map.copyOf(fuelSeries);
        meterMaxPowerKw = Map.copyOf(meterMaxPowerKw);
        Objects.requireNonNull(gapThreshold, "gapThreshold");
        generationMeters = List.copyOf(generationMeters);
        exportMeters = List.copyOf(exportMeters);
        netMeter = netMeter == null ? "" : netMeter;
    }
}
