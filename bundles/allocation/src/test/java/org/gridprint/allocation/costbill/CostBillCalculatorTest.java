package org.gridprint.allocation.costbill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.gridprint.allocation.tariff.TariffParser;
import org.gridprint.allocation.tariff.TariffParserTest;
import org.gridprint.allocation.tariff.TariffResult;
import org.gridprint.api.allocation.CostBillLine;
import org.gridprint.api.allocation.TargetWindow;
import org.junit.jupiter.api.Test;

/** A time-of-use + demand + fixed + tax bill, computed by hand. */
class CostBillCalculatorTest {

    static TargetWindow w(String start, String end, long nano) {
        return new TargetWindow("Finance", Instant.parse(start), Instant.parse(end), nano, 0, 0, 0);
    }

    /** The windows of the hand-computed bill (America/New_York is EST, UTC-5, from 2026-11-01). */
    static List<TargetWindow> windows() {
        return List.of(w("2026-11-02T06:00:00Z", "2026-11-02T07:00:00Z", 4_000_000_000L), // Mon 01:00 offpeak
                w("2026-11-02T12:00:00Z", "2026-11-02T12:15:00Z", 3_100_000_000L), // Mon 07:00 standard, 12.4 kW
                w("2026-11-02T13:00:00Z", "2026-11-02T14:00:00Z", 10_500_000_000L), // Mon 08:00 peak
                w("2026-11-02T14:00:00Z", "2026-11-02T15:00:00Z", 12_250_000_000L), // Mon 09:00 peak
                w("2026-11-07T15:00:00Z", "2026-11-07T16:00:00Z", 7_333_333_333L)); // Sat 10:00 standard
    }

    @Test
    void touDemandFixedAndTaxByHand() {
        var tariff = ((TariffResult.Valid) TariffParser.parse(TariffParserTest.props())).tariff();
        var lines = CostBillCalculator.lines(tariff, ZoneId.of("America/New_York"), windows());
        assertEquals(7, lines.size());
        // peak: 10.5 + 12.25 = 22.75 kWh x 0.25 = 5.6875 -> 5.69
        var peak = lines.get(0);
        assertEquals("peak", peak.label());
        assertEquals(0, new BigDecimal("22.75").compareTo(peak.quantity()));
        assertEquals(new BigDecimal("5.69"), peak.amount());
        assertEquals(2, peak.windows());
        assertEquals(Instant.parse("2026-11-02T13:00:00Z"), peak.windowFrom().orElseThrow());
        assertEquals(Instant.parse("2026-11-02T15:00:00Z"), peak.windowTo().orElseThrow());
        // offpeak: 4 kWh x 0.06 = 0.24
        assertEquals("offpeak", lines.get(1).label());
        assertEquals(new BigDecimal("0.24"), lines.get(1).amount());
        // standard: 3.1 + 7.333333333 = 10.433333333 kWh x 0.10 = 1.0433333333 -> 1.04
        assertEquals("standard", lines.get(2).label());
        assertEquals(new BigDecimal("10.433333333"), lines.get(2).quantity());
        assertEquals(new BigDecimal("1.04"), lines.get(2).amount());
        // demand: the 15-minute window at 07:00: 3.1 kWh / 0.25 h = 12.4 kW (above 12.25 kW) x 12.50 = 155.00
        var demand = lines.get(3);
        assertEquals(CostBillLine.Kind.DEMAND, demand.kind());
        assertEquals(0, new BigDecimal("12.4").compareTo(demand.quantity()));
        assertEquals(Instant.parse("2026-11-02T12:00:00Z"), demand.windowFrom().orElseThrow());
        assertEquals(new BigDecimal("155.00"), demand.amount());
        assertEquals(new BigDecimal("25.00"), lines.get(4).amount());
        // tax: (5.69 + 0.24 + 1.04 + 155.00 + 25.00) = 186.97; 186.97 x 8.25 = 1542.5025, / 100 = 15.425025 -> 15.43
        var tax = lines.get(5);
        assertEquals(new BigDecimal("186.97"), tax.quantity());
        assertEquals(new BigDecimal("15.43"), tax.amount());
        // total: 186.97 + 15.43
        assertEquals(CostBillLine.Kind.TOTAL, lines.get(6).kind());
        assertEquals(new BigDecimal("202.40"), lines.get(6).amount());
        assertEquals(5, lines.get(6).windows());
    }

    @Test
    void aCurrencyWithoutMinorUnitsRoundsToWholeUnits() {
        var p = TariffParserTest.props();
        p.put("currency", "JPY");
        p.put("touBands", "");
        p.put("demandCharge", "0");
        p.put("fixedCharge", "0");
        p.put("taxPercent", "10");
        p.put("flatRate", "31.5");
        var tariff = ((TariffResult.Valid) TariffParser.parse(p)).tariff();
        var lines = CostBillCalculator.lines(tariff, ZoneId.of("Asia/Tokyo"), windows());
        // all 37.183333333 kWh standard x 31.5 = 1171.274999999 -> 1171; tax 117.1 -> 117; total 1288
        assertEquals(new BigDecimal("1171"), lines.get(0).amount());
        assertEquals(new BigDecimal("117"), lines.get(1).amount());
        assertEquals(new BigDecimal("1288"), lines.get(2).amount());
    }
}
