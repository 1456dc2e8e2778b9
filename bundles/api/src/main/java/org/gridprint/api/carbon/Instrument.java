package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A contractual instrument for market-based Scope 2 (GHG Protocol Scope 2 Guidance, quality criteria): an energy
 * attribute certificate (REC, GO, I-REC), a PPA or another contract, or a supplier-specific rate.
 *
 * @param id              tracking-system certificate id or contract id (unique)
 * @param type            REC, GO, I_REC, PPA, CONTRACT, SUPPLIER
 * @param mwh             quantity in MWh (may be fractional); applied once
 * @param vintageFrom     generation period start (inclusive)
 * @param vintageTo       generation period end (inclusive)
 * @param market          market boundary, e.g. {@code US}, {@code EU}, {@code GB}
 * @param trackingSystem  e.g. {@code M-RETS}, {@code PJM-GATS}, {@code WREGIS}, {@code UK REGO}
 * @param retirementId    the retirement/cancellation id (required for certificates)
 * @param siteId          the site it is retired for (empty: any site of the market)
 * @param gramsPerKwh     its emission rate (0 for renewable certificates; a PPA's or supplier's rate)
 * @since 1.2.0
 */
public record Instrument(String id, String type, BigDecimal mwh, LocalDate vintageFrom, LocalDate vintageTo,
        String market, String trackingSystem, String retirementId, String siteId, BigDecimal gramsPerKwh,
        String source) {
    public Instrument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mwh, "mwh");
        Objects.requireNonNull(vintageFrom, "vintageFrom");
        Objects.requireNonNull(vintageTo, "vintageTo");
        market = market == null ? "" : market;
        trackingSystem = trackingSystem == null ? "" : trackingSystem;
        retirementId = retirementId == null ? "" : retirementId;
        siteId = siteId == null ? "" : siteId;
        gramsPerKwh = gramsPerKwh == null ? BigDecimal.ZERO : gramsPerKwh;
        source = source == null ? "" : source;
    }
}
