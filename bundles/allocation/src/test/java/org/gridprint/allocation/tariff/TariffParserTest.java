package org.gridprint.allocation.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

public class TariffParserTest {

    public static Map<String, Object> props() {
        var p = new HashMap<String, Object>();
        p.put("service.pid", "org.gridprint.allocation.tariff~hq");
        p.put("id", "hq-2026");
        p.put("site", "hq");
        p.put("currency", "USD");
        p.put("flatRate", "0.10");
        p.put("touBands", "peak weekday 08:00-20:00 0.25, offpeak all 00:00-06:00 0.06");
        p.put("demandCharge", "12.50");
        p.put("fixedCharge", "25.00");
        p.put("taxPercent", "8.25");
        p.put("timeZone", "America/New_York");
        return p;
    }

    @Test
    void aValidTariffPricesWindowsByTheBandTheirStartFallsInLocally() {
        var t = assertInstanceOf(TariffResult.Valid.class, TariffParser.parse(props())).tariff();
        var ny = ZoneId.of("America/New_York");
        // Monday 2026-11-02 13:00Z = 08:00 EST: peak; 12:45Z = 07:45: standard; 06:00Z = 01:00: offpeak (all days)
        assertEquals("peak", t.bandAt(Instant.parse("2026-11-02T13:00:00Z"), ny).name());
        assertEquals("standard", t.bandAt(Instant.parse("2026-11-02T12:45:00Z"), ny).name());
        assertEquals(new BigDecimal("0.10"), t.bandAt(Instant.parse("2026-11-02T12:45:00Z"), ny).rate());
        assertEquals("offpeak", t.bandAt(Instant.parse("2026-11-07T06:00:00Z"), ny).name());
        // Saturday 2026-11-07 15:00Z = 10:00: no weekday peak
        assertEquals("standard", t.bandAt(Instant.parse("2026-11-07T15:00:00Z"), ny).name());
        // 01:00Z Tuesday = 20:00 Monday local: the peak band ends at 20:00 (exclusive)
        assertEquals("standard", t.bandAt(Instant.parse("2026-11-03T01:00:00Z"), ny).name());
        assertTrue(t.text(ny).contains("band.001=peak mon+tue+wed+thu+fri 08:00-20:00 0.25\n"), t.text(ny));
        assertTrue(t.text(ny).contains("timeZone=America/New_York\n"));
    }

    @Test
    void everyBadFieldIsNamedWithPidValueAndExpectation() {
        var p = props();
        p.put("flatRate", "0,14");
        p.put("currency", "usd");
        p.put("taxPercent", "-1");
        p.put("touBands", new String[] {"peak weekday 08:00-20:00 0.25", "late weekday 19:00-21:00 0.3",
                "night all 22:00-06:00 0.05", "x funday 01:00-02:00 1"});
        var r = assertInstanceOf(TariffResult.Invalid.class, TariffParser.parse(p));
        var m = r.message();
        assertTrue(m.contains("org.gridprint.allocation.tariff~hq: flatRate '0,14' is not a number; expected the price"
                + " per kWh outside every band"), m);
        assertTrue(m.contains("currency 'usd'; expected an ISO 4217 code"), m);
        assertTrue(m.contains("taxPercent '-1' is negative"), m);
        assertTrue(m.contains("touBands 'late weekday 19:00-21:00 0.3' overlaps band 'peak"), m);
        assertTrue(m.contains("touBands 'night all 22:00-06:00 0.05': time '22:00-06:00'; expected hh:mm-hh:mm within"
                + " one day"), m);
        assertTrue(m.contains("days 'funday'"), m);
        assertEquals(6, r.problems().size(), m);
    }

    @Test
    void missingIdAndSiteAreNamed() {
        var r = assertInstanceOf(TariffResult.Invalid.class, TariffParser.parse(Map.of("flatRate", "0.1")));
        assertTrue(r.message().contains("org.gridprint.allocation.tariff: id is missing"), r.message());
        assertTrue(r.message().contains("site is missing"), r.message());
    }
}
