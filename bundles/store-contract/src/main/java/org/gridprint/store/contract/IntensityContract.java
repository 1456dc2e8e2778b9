package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;
import org.junit.jupiter.api.Test;

/** IntensityStore: idempotent storage, best value per start, forecasts, latest; exact values. */
public abstract class IntensityContract extends CarbonContractBase {

    static final Instant S0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant S1 = S0.plusSeconds(1800);

    private static IntensityPoint point(String provider, IntensitySignal signal, Instant start, String value,
            boolean forecast, Instant issuedAt) {
        return new IntensityPoint(provider, "CAMX", signal, start, start.plusSeconds(1800), new BigDecimal(value),
                "g/kWh", forecast, false, "m-2023-03-01", issuedAt);
    }

    private static void assertPoints(List<IntensityPoint> expected, List<IntensityPoint> actual) {
        assertEquals(expected.size(), actual.size(), () -> "points " + actual);
        for (int i = 0; i < expected.size(); i++) {
            var e = expected.get(i);
            var a = actual.get(i);
            assertEquals(0, e.value().compareTo(a.value()), "value of point #" + i + ": " + a);
            assertEquals(e, new IntensityPoint(a.provider(), a.region(), a.signal(), a.start(), a.end(), e.value(),
                    a.unit(), a.forecast(), a.estimated(), a.model(), a.issuedAt()), "point #" + i);
        }
    }

    private final IntensityPoint f0a = point("p1", IntensitySignal.AVERAGE, S0, "300", true, S0.minusSeconds(7200));
    private final IntensityPoint f0b = point("p1", IntensitySignal.AVERAGE, S0, "310", true, S0.minusSeconds(3600));
    private final IntensityPoint a0 = point("p1", IntensitySignal.AVERAGE, S0, "305.25", false, S0.plusSeconds(2000));
    private final IntensityPoint f1a = point("p1", IntensitySignal.AVERAGE, S1, "320", true, S0.minusSeconds(7200));
    private final IntensityPoint f1b = point("p1", IntensitySignal.AVERAGE, S1, "330", true, S0.minusSeconds(3600));
    private final IntensityPoint m0 = point("p1", IntensitySignal.MARGINAL, S0, "870.2", false, S0);
    private final IntensityPoint q0 = point("p2", IntensitySignal.AVERAGE, S0, "226.4786703", false, S0);

    @Test
    void storingIsIdempotentOnTheIdentityOfAPoint() {
        assertEquals(7, intensityStore().storeIntensity(List.of(f0a, f0b, a0, f1a, f1b, m0, q0)));
        assertEquals(0, intensityStore().storeIntensity(List.of(f0a, f0b, a0, f1a, f1b, m0, q0)));
        assertEquals(1, intensityStore().storeIntensity(List.of(f0a,
                point("p1", IntensitySignal.AVERAGE, S0, "301", true, S0.minusSeconds(1800)))));
        assertEquals(0, intensityStore().storeIntensity(List.of()));
    }

    @Test
    void theBestValuePerStartIsAnActualElseTheNewestForecast() {
        intensityStore().storeIntensity(List.of(f1b, f0a, a0, m0, f1a, q0, f0b));
        var from = S0.minusSeconds(3600);
        var to = S0.plusSeconds(3600 * 3);
        assertPoints(List.of(a0, f1b), intensityStore().intensity("p1", "CAMX", IntensitySignal.AVERAGE, from, to));
        assertPoints(List.of(m0), intensityStore().intensity("p1", "CAMX", IntensitySignal.MARGINAL, from, to));
        // every provider: one value per provider and start, by start then provider
        assertPoints(List.of(a0, q0, f1b), intensityStore().intensity(null, "CAMX", IntensitySignal.AVERAGE, from,
                to));
        assertPoints(List.of(), intensityStore().intensity("p1", "ERCT", IntensitySignal.AVERAGE, from, to));
        // [S1, ...) only
        assertPoints(List.of(f1b), intensityStore().intensity("p1", "CAMX", IntensitySignal.AVERAGE, S1, to));
        assertEquals(0, new BigDecimal("226.4786703").compareTo(intensityStore().intensity("p2", "CAMX",
                IntensitySignal.AVERAGE, from, to).get(0).value()), "values are kept exactly");
    }

    @Test
    void forecastsAreTheNewestIssuedPerStartAndLatestIsTheGreatestStart() {
        intensityStore().storeIntensity(List.of(f0a, f0b, a0, f1a, f1b, m0, q0));
        var from = S0.minusSeconds(3600);
        var to = S0.plusSeconds(3600 * 3);
        assertPoints(List.of(f0b, f1b), intensityStore().forecast("p1", "CAMX", IntensitySignal.AVERAGE, from, to));
        assertPoints(List.of(), intensityStore().forecast("p2", "CAMX", IntensitySignal.AVERAGE, from, to));
        assertPoints(List.of(f1b), List.of(intensityStore().latest("p1", "CAMX", IntensitySignal.AVERAGE)
                .orElseThrow()));
        assertEquals(Optional.empty(), intensityStore().latest("p3", "CAMX", IntensitySignal.AVERAGE));
    }

    @Test
    void pointsOutliveACloseAndACrash() throws Exception {
        var estimated = new IntensityPoint("em", "DE", IntensitySignal.AVERAGE, S0, S0.plusSeconds(3600),
                new BigDecimal("302"), "g/kWh", false, true, "lifecycle", S0.plusSeconds(4000));
        intensityStore().storeIntensity(List.of(a0, estimated));
        harness.reopen();
        assertPoints(List.of(estimated), intensityStore().intensity("em", "DE", IntensitySignal.AVERAGE, S0,
                S0.plusSeconds(1)));
        intensityStore().storeIntensity(List.of(f1b));
        harness.crashAndReopen();
        assertPoints(List.of(a0, f1b), intensityStore().intensity("p1", "CAMX", IntensitySignal.AVERAGE, S0,
                S0.plusSeconds(7200)));
    }
}
