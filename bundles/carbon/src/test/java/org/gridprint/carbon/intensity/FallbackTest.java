package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two ranked providers of one site: a gap in the first falls back to the second, and the answer names it. */
class FallbackTest {

    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");

    @Test
    void aGapInTheFirstFallsBackToTheNext() throws Exception {
        var file = dir.resolve("hq.csv");
        Files.writeString(file, """
                # hourly intensity for the demo
                start,end,value,unit
                2026-12-06T00:00:00Z,2026-12-06T01:00:00Z,100,g/kWh
                2026-12-06T02:00:00Z,2026-12-06T03:00:00Z,264.6,lb/MWh
                """);
        var f = new Fixtures(Instant.parse("2026-12-06T12:00:00Z"));
        // bound in the "wrong" order: rank decides, not binding order
        f.add(ProviderKind.STATIC, "id", "camx-static", "site", "hq", "rank", "2", "value", "499.3", "unit", "lb/MWh",
                "source", "EPA eGRID2022 Table 1, CAMX CO2e output rate", "edition", "eGRID2022");
        f.add(ProviderKind.FILE, "id", "hq-file", "site", "hq", "rank", "1", "path", file.toString(), "region", "CAMX",
                "source", "operator file");
        assertEquals(2, f.service.pollNow("hq-file").stored());
        assertEquals(Optional.of("hq-file"), f.service.firstRanked("hq"));
        assertEquals("hq-file", f.service.providers("hq").get(0).provider());
        assertEquals(1, f.service.providers("hq").get(0).rank());

        var first = f.service.averageFor("hq", T0.plus(Duration.ofMinutes(15)), T0.plus(Duration.ofMinutes(30)))
                .orElseThrow();
        assertEquals("hq-file", first.provider());
        assertEquals(0, first.gramsPerUnit().compareTo(new BigDecimal("100")));

        var gap = f.service.averageFor("hq", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))).orElseThrow();
        assertEquals("camx-static", gap.provider(), "the gap 01:00-02:00 is served by rank 2");
        // 499.3 lb/MWh x 0.45359237 = 226.478670341 g/kWh
        assertEquals(0, gap.gramsPerUnit().compareTo(new BigDecimal("226.478670341")));
        assertEquals("EPA eGRID2022 Table 1, CAMX CO2e output rate", gap.source());
        assertEquals("eGRID2022", gap.edition());

        var third = f.service.averageFor("hq", T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3)))
                .orElseThrow();
        // 264.6 lb/MWh x 0.45359237 = 120.020541102 g/kWh
        assertEquals(0, third.gramsPerUnit().compareTo(new BigDecimal("120.020541102")));
        assertEquals("intensity/hq-file/CAMX/2026-12-06T02:00Z", third.id());
        assertEquals(Optional.of(Duration.ofMinutes(60)), f.service.resolution("hq"));
    }

    @Test
    void aMarginalProviderRankedFirstIsListedAfterTheAverageOnesAndNeverPrices() throws Exception {
        var file = dir.resolve("moer.csv");
        Files.writeString(file, "2026-12-06T00:00:00Z,2026-12-06T01:00:00Z,900,lb/MWh\n");
        var f = new Fixtures(Instant.parse("2026-12-06T12:00:00Z"));
        f.add(ProviderKind.FILE, "id", "moer", "site", "hq", "rank", "1", "path", file.toString(), "region", "X",
                "signal", "MARGINAL");
        f.add(ProviderKind.STATIC, "id", "avg", "site", "hq", "rank", "2", "value", "300", "unit", "g/kWh",
                "source", "s", "edition", "e");
        assertEquals(1, f.service.pollNow("moer").stored());
        var list = f.service.providers("hq");
        assertEquals("avg", list.get(0).provider(), "the first entry is the first that can price");
        assertEquals("moer", list.get(1).provider());
        var v = f.service.averageFor("hq", T0, T0.plus(Duration.ofHours(1))).orElseThrow();
        assertEquals("avg", v.provider());
        assertEquals(0, v.gramsPerUnit().compareTo(new BigDecimal("300")));
    }

    @Test
    void aWindowCrossingTwoValuesIsNotPricedByEitherButFallsBack() throws Exception {
        var file = dir.resolve("half.csv");
        Files.writeString(file, """
                2026-12-06T00:00:00Z,2026-12-06T00:30:00Z,100,g/kWh
                2026-12-06T00:30:00Z,2026-12-06T01:00:00Z,200,g/kWh
                """);
        var f = new Fixtures(Instant.parse("2026-12-06T12:00:00Z"));
        f.add(ProviderKind.FILE, "id", "half", "site", "hq", "path", file.toString(), "region", "X",
                "resolutionMinutes", "30");
        f.add(ProviderKind.STATIC, "id", "flat", "site", "hq", "rank", "5", "value", "300", "unit", "g/kWh",
                "source", "s", "edition", "e", "validFrom", "2026-01-01", "validTo", "2027-01-01");
        f.service.pollNow("half");
        assertEquals("flat", f.service.averageFor("hq", T0, T0.plus(Duration.ofHours(1))).orElseThrow().provider(),
                "the engine cuts windows at resolution() instead; an hour is not one half-hour value");
        assertEquals(Optional.of(Duration.ofMinutes(30)), f.service.resolution("hq"));
        assertTrue(f.service.averageFor("hq", Instant.parse("2027-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T01:00:00Z")).isEmpty(), "outside every provider's values: nothing");
    }
}
