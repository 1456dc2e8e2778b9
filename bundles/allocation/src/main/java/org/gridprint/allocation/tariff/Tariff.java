package org.gridprint.allocation.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.gridprint.allocation.bills.RecordText;

/**
 * A validated tariff. Energy in a window is priced by the band its start falls in (in {@code zone}), else at
 * {@code flatRate} (the band {@value #STANDARD}).
 *
 * @param zone empty: the site's time zone (resolved when a bill is made)
 */
public record Tariff(String id, String siteId, String currency, BigDecimal flatRate, List<Band> bands,
        BigDecimal demandCharge, BigDecimal fixedCharge, BigDecimal taxPercent, Optional<ZoneId> zone) {

    /** The band of energy outside every time-of-use band. */
    public static final String STANDARD = "standard";
    /** The register of tariff versions (key = tariff id). */
    public static final String REGISTER = "tariff";

    public Tariff {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(flatRate, "flatRate");
        bands = List.copyOf(bands);
        Objects.requireNonNull(demandCharge, "demandCharge");
        Objects.requireNonNull(fixedCharge, "fixedCharge");
        Objects.requireNonNull(taxPercent, "taxPercent");
        zone = zone == null ? Optional.empty() : zone;
    }

    /** This tariff without its fixed charge (the {@code (unallocated)} remainder is no one's bill). */
    public Tariff withoutFixedCharge() {
        return new Tariff(id, siteId, currency, flatRate, bands, demandCharge, java.math.BigDecimal.ZERO, taxPercent,
                zone);
    }

    /** The band name and rate of a window starting at {@code start}. */
    public Band bandAt(Instant start, ZoneId in) {
        var t = start.atZone(in);
        int minute = t.getHour() * 60 + t.getMinute();
        for (var b : bands) {
            if (b.covers(t.getDayOfWeek(), minute)) {
                return b;
            }
        }
        return new Band(STANDARD, java.util.EnumSet.allOf(java.time.DayOfWeek.class), 0, 1440, flatRate);
    }

    /** The register text of this tariff priced in {@code zone} (the zone is part of what a version means). */
    public String text(ZoneId resolvedZone) {
        var m = new LinkedHashMap<String, String>();
        m.put("format", "1");
        m.put("id", id);
        m.put("site", siteId);
        m.put("currency", currency);
        m.put("flatRate", flatRate.toPlainString());
        for (int i = 0; i < bands.size(); i++) {
            m.put(String.format(java.util.Locale.ROOT, "band.%03d", i + 1), bands.get(i).text());
        }
        m.put("demandCharge", demandCharge.toPlainString());
        m.put("fixedCharge", fixedCharge.toPlainString());
        m.put("taxPercent", taxPercent.toPlainString());
        m.put("timeZone", resolvedZone.getId());
        return RecordText.format(m);
    }
}
