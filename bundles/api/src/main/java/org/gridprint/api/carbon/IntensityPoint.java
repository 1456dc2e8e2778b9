package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One value of a grid-intensity series as a provider gave it, kept so that recomputation never needs the network.
 *
 * @param provider  the provider instance id (configuration), e.g. {@code uk-ci}, {@code watttime-caiso}
 * @param region    the provider's region or zone code (WattTime region, Electricity Maps zone, UK CI region id)
 * @param signal    average or marginal
 * @param start     start of the value's window (inclusive)
 * @param end       end of the value's window (exclusive)
 * @param value     the value as published
 * @param unit      its unit as published: {@code lb/MWh}, {@code g/kWh}, {@code kg/MWh}, ...
 * @param forecast  a forecast (true) or an actual/historical value (false)
 * @param estimated the provider marked it as estimated
 * @param model     the provider's model or version (WattTime meta.model.date, Electricity Maps emissionFactorType ...),
 *                  empty if none
 * @param issuedAt  when the provider issued it (forecast generation time), else when it was fetched
 * @since 1.2.0
 */
public record IntensityPoint(String provider, String region, IntensitySignal signal, Instant start, Instant end,
        BigDecimal value, String unit, boolean forecast, boolean estimated, String model, Instant issuedAt) {

    public IntensityPoint {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        model = model == null ? "" : model;
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("intensity of " + provider + "/" + region + " must end after it starts: "
                    + start + " .. " + end);
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("intensity of " + provider + "/" + region + " at " + start
                    + " must be >= 0, was " + value);
        }
    }
}
