package org.gridprint.carbon.ghost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;

import org.gridprint.carbon.market.InstrumentText;
import org.gridprint.carbon.market.KeyValueText;

/**
 * A static asset whose standby ("ghost") load is estimated during unoccupied hours: {@code ratedKw ×
 * leakageMultiplier} for every unoccupied hour of its site's schedule.
 *
 * @param id                the asset id; its windows carry it as {@code meterId}
 * @param siteId            its site
 * @param ratedKw           rated power, kW (> 0)
 * @param leakageMultiplier share of the rated power drawn while unoccupied (> 0; e.g. 0.15 for standby, 1 for a load
 *                          that simply stays on)
 * @param schedule          when the site is occupied (local time of the site)
 * @param since             first day (site's zone) to estimate, empty: the day the asset is first computed
 */
public record Asset(String pid, String id, String siteId, BigDecimal ratedKw, BigDecimal leakageMultiplier,
        OccupancySchedule schedule, Optional<LocalDate> since) {

    /** nano-kWh per kW·ms: 10^9 / 3,600,000 = 2500 / 9. */
    private static final BigDecimal NANO_KWH_PER_KW_MS_NUM = BigDecimal.valueOf(2500);
    private static final BigDecimal NANO_KWH_PER_KW_MS_DEN = BigDecimal.valueOf(9);

    public Asset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(ratedKw, "ratedKw");
        Objects.requireNonNull(leakageMultiplier, "leakageMultiplier");
        Objects.requireNonNull(schedule, "schedule");
        since = since == null ? Optional.empty() : since;
    }

    /** Estimated standby energy of {@code [from, to)}, nano-kWh, rounded HALF_EVEN once. */
    public long ghostNano(Instant from, Instant to, ZoneId zone) {
        long ms = schedule.unoccupiedMillis(from, to, zone);
        if (ms <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(ms).multiply(ratedKw).multiply(leakageMultiplier).multiply(NANO_KWH_PER_KW_MS_NUM)
                .divide(NANO_KWH_PER_KW_MS_DEN, 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** The canonical text of register {@code asset} (key = id): what the estimates were made with. */
    public String registerText() {
        var f = new LinkedHashMap<String, String>();
        f.put("id", id);
        f.put("site", siteId);
        f.put("ratedKw", InstrumentText.plain(ratedKw));
        f.put("leakageMultiplier", InstrumentText.plain(leakageMultiplier));
        f.put("occupancy", schedule.text());
        f.put("since", since.map(LocalDate::toString).orElse(""));
        return KeyValueText.format(f);
    }
}
