package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of one factor in the effective-dated catalog, with its provenance. Windows reference it by the
 * {@link org.gridprint.api.store.RecordRegister} ref under which the catalog registered it (register {@code factor},
 * key {@link #id()}).
 *
 * @param id             stable id, e.g. {@code egrid2022/subregion/CAMX/co2e}, {@code fuel/natural_gas/m3/AR5},
 *                       {@code intensity/uk-ci/13/2026-12-06T10:00Z}
 * @param kind           what it stands for
 * @param scope          scope it prices
 * @param method         accounting method it serves
 * @param region         grid region, state, country or zone ("" for fuels)
 * @param publishedValue the value as published
 * @param publishedUnit  its unit as published ({@code lb/MWh}, {@code kg/MWh}, {@code g/kWh}, {@code kg CO2/mmBtu}...)
 * @param gramsPerUnit   converted exactly: g CO2e per {@code perUnit} (for GRID_LOSS: the loss fraction)
 * @param perUnit        canonical unit of the quantity it prices ({@code kWh}, {@code m3})
 * @param gwpSet         GWP set behind the CO2e ({@code AR4}/{@code AR5}/{@code AR6}), or {@code as published}
 * @param source         publisher, table, row
 * @param edition        edition and revision, e.g. {@code eGRID2022 (2024-01-30)}, {@code eGRID2023rev2 (2025-06)}
 * @param validFrom      first instant it applies to (consumption), inclusive
 * @param validTo        end of validity, exclusive ({@link Instant#MAX} if open)
 * @param provider       who served it ({@code catalog}, {@code operator}, a provider instance id)
 * @param estimated      the publisher marked the value as an estimate
 * @param model          a provider's model or version, else empty
 * @since 1.2.0
 */
public record FactorVersion(String id, FactorKind kind, Scope scope, AccountingMethod method, String region,
        BigDecimal publishedValue, String publishedUnit, BigDecimal gramsPerUnit, String perUnit, String gwpSet,
        String source, String edition, Instant validFrom, Instant validTo, String provider, boolean estimated,
        String model) {
    public FactorVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(method, "method");
        region = region == null ? "" : region;
        Objects.requireNonNull(publishedValue, "publishedValue");
        Objects.requireNonNull(publishedUnit, "publishedUnit");
        Objects.requireNonNull(gramsPerUnit, "gramsPerUnit");
        Objects.requireNonNull(perUnit, "perUnit");
        Objects.requireNonNull(gwpSet, "gwpSet");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(edition, "edition");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validTo, "validTo");
        provider = provider == null ? "" : provider;
        model = model == null ? "" : model;
        if (gramsPerUnit.signum() < 0) {
            throw new IllegalArgumentException("factor " + id + " must be >= 0, was " + gramsPerUnit);
        }
        if (!validTo.isAfter(validFrom)) {
            throw new IllegalArgumentException("factor " + id + " must be valid for some time: " + validFrom + " .. "
                    + validTo);
        }
    }

    /** True if it applies to the instant. */
    public boolean validAt(Instant t) {
        return !t.isBefore(validFrom) && t.isBefore(validTo);
    }
}
