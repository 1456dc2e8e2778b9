package org.gridprint.carbon.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.carbon.ProviderStatus;
import org.gridprint.api.carbon.SiteLocation;
import org.gridprint.api.store.IntensityStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhatIfServiceImplTest {

    static final Instant T10 = Instant.parse("2026-12-06T10:00:00Z");
    static final Instant ISSUED = Instant.parse("2026-12-06T09:55:00Z");

    final List<ProviderStatus> providers = new ArrayList<>();
    final List<IntensityPoint> points = new ArrayList<>();
    WhatIfServiceImpl whatIf;

    @BeforeEach
    void setUp() {
        IntensityService intensity = new IntensityService() {
            @Override
            public List<ProviderStatus> providers(String siteId) {
                return "hq".equals(siteId) ? providers : List.of();
            }

            @Override
            public List<IntensityPoint> history(String siteId, String provider, Instant from, Instant to) {
                return List.of();
            }

            @Override
            public Optional<FactorVersion> averageFor(String siteId, Instant start, Instant end) {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> resolution(String siteId) {
                return Optional.of(Duration.ofHours(1));
            }

            @Override
            public Optional<SiteLocation> location(String siteId) {
                return Optional.empty();
            }

            @Override
            public SiteLocation setLocation(SiteLocation location) {
                return location;
            }
        };
        // forecasts held, as IntensityStore.forecast returns them: filtered by provider, region, signal, start range
        IntensityStore store = new IntensityStore() {
            @Override
            public int storeIntensity(List<IntensityPoint> p) {
                points.addAll(p);
                return p.size();
            }

            @Override
            public List<IntensityPoint> intensity(String provider, String region, IntensitySignal signal, Instant from,
                    Instant to) {
                // best per start: an actual before a forecast
                var best = new java.util.TreeMap<Instant, IntensityPoint>();
                for (var x : points) {
                    if (x.provider().equals(provider) && x.region().equals(region) && x.signal() == signal
                            && !x.start().isBefore(from) && x.start().isBefore(to)) {
                        best.merge(x.start(), x, (a, b) -> a.forecast() && !b.forecast() ? b : a);
                    }
                }
                return List.copyOf(best.values());
            }

            @Override
            public List<IntensityPoint> forecast(String provider, String region, IntensitySignal signal, Instant from,
                    Instant to) {
                return points.stream().filter(x -> x.forecast() && x.provider().equals(provider)
                        && x.region().equals(region) && x.signal() == signal && !x.start().isBefore(from)
                        && x.start().isBefore(to)).toList();
            }

            @Override
            public Optional<IntensityPoint> latest(String provider, String region, IntensitySignal signal) {
                return Optional.empty();
            }
        };
        whatIf = new WhatIfServiceImpl(intensity, store);
    }

    private void provider(int rank, String id, IntensitySignal signal) {
        providers.add(new ProviderStatus("hq", rank, id, id.startsWith("wt") ? "watttime" : "uk-ci", "R", signal,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private void hourly(String provider, IntensitySignal signal, String unit, int... values) {
        series(provider, signal, unit, true, 0, values);
    }

    private void series(String provider, IntensitySignal signal, String unit, boolean forecast, int fromHour,
            int... values) {
        for (int i = 0; i < values.length; i++) {
            var s = T10.plus(Duration.ofHours(fromHour + i));
            points.add(new IntensityPoint(provider, "R", signal, s, s.plus(Duration.ofHours(1)),
                    BigDecimal.valueOf(values[i]), unit, forecast, false, "m1", ISSUED));
        }
    }

    @Test
    void storedValuesThatAreNotForecastsFillTheHorizonAndAreCounted() {
        // a file provider: expected values stored as actuals; the current hour's actual beside a forecast from 11:00
        provider(1, "file", IntensitySignal.AVERAGE);
        series("file", IntensitySignal.AVERAGE, "g/kWh", false, 0, 300, 900);
        series("file", IntensitySignal.AVERAGE, "g/kWh", true, 1, 250, 100);
        var a = whatIf.whatIf("hq", new BigDecimal("2"), Duration.ofHours(1), Duration.ofHours(3), T10);
        // 10:00 actual 300; 11:00 forecast 250 (a forecast comes before the stored actual 900); 12:00 forecast 100
        assertEquals(T10.plus(Duration.ofHours(2)), a.bestStart());
        assertEquals(new BigDecimal("200.000"), a.gramsAtBest());
        assertEquals(new BigDecimal("600.000"), a.gramsNow());
        assertTrue(a.basis().contains("1 of them stored values that are not forecasts"), a.basis());
    }

    @Test
    void choosesTheLowestCarbonStartOfAnAverageForecast() {
        provider(1, "uk", IntensitySignal.AVERAGE);
        hourly("uk", IntensitySignal.AVERAGE, "g/kWh", 300, 250, 100, 120, 400, 90);
        var a = whatIf.whatIf("hq", new BigDecimal("50"), Duration.ofHours(2), Duration.ofHours(6), T10);
        // 50 kW x 2 h: at 10:00 (300 + 250) x 50 = 27,500 g; 11:00 17,500; 12:00 (100 + 120) x 50 = 11,000 g;
        // 13:00 26,000; 14:00 24,500 (15:00 would end after the horizon)
        assertEquals(T10.plus(Duration.ofHours(2)), a.bestStart());
        assertEquals(new BigDecimal("11000.000"), a.gramsAtBest());
        assertEquals(new BigDecimal("27500.000"), a.gramsNow());
        assertEquals(new BigDecimal("16500.000"), a.gramsSaved());
        assertEquals(IntensitySignal.AVERAGE, a.signal());
        assertEquals("uk", a.provider());
        assertTrue(a.basis().contains("AVERAGE forecast of provider 'uk'") && a.basis().contains("60-minute"),
                a.basis());
    }

    @Test
    void nowBetweenTwoValuesIsPricedByOverlap() {
        provider(1, "uk", IntensitySignal.AVERAGE);
        hourly("uk", IntensitySignal.AVERAGE, "g/kWh", 300, 250, 400, 500);
        var now = T10.plus(Duration.ofMinutes(20));
        var a = whatIf.whatIf("hq", new BigDecimal("50"), Duration.ofHours(1), Duration.ofHours(3), now);
        // now: 40 min at 300 + 20 min at 250 = 50 x 17,000 / 60 = 14,166.666... g
        assertEquals(new BigDecimal("14166.667"), a.gramsNow());
        // 11:00: 50 x 250 = 12,500 g; 12:00: 50 x 400 = 20,000; 13:00 ends after 13:20
        assertEquals(T10.plus(Duration.ofHours(1)), a.bestStart());
        assertEquals(new BigDecimal("12500.000"), a.gramsAtBest());
        assertEquals(new BigDecimal("1666.667"), a.gramsSaved());
    }

    @Test
    void aMarginalForecastIsPreferredAndConvertedFromPoundsPerMwh() {
        provider(1, "uk", IntensitySignal.AVERAGE);
        provider(2, "wt-caiso", IntensitySignal.MARGINAL);
        hourly("uk", IntensitySignal.AVERAGE, "g/kWh", 100, 900, 900);
        hourly("wt-caiso", IntensitySignal.MARGINAL, "lb/MWh", 1000, 800, 1200);
        var a = whatIf.whatIf("hq", new BigDecimal("10"), Duration.ofHours(1), Duration.ofHours(3), T10);
        assertEquals(IntensitySignal.MARGINAL, a.signal());
        assertEquals("wt-caiso", a.provider());
        // 11:00: 10 kW x 1 h x 800 lb/MWh x 0.45359237 = 3,628.73896 g; now: 10 x 1000 x 0.45359237 = 4,535.9237 g
        assertEquals(T10.plus(Duration.ofHours(1)), a.bestStart());
        assertEquals(new BigDecimal("3628.739"), a.gramsAtBest());
        assertEquals(new BigDecimal("4535.924"), a.gramsNow());
        assertTrue(a.basis().startsWith("MARGINAL forecast of provider 'wt-caiso'"), a.basis());
    }

    @Test
    void aMarginalForecastThatDoesNotCoverTheHorizonGivesWayToAverageAndSaysSo() {
        provider(1, "uk", IntensitySignal.AVERAGE);
        provider(2, "wt-caiso", IntensitySignal.MARGINAL);
        hourly("uk", IntensitySignal.AVERAGE, "g/kWh", 300, 100, 200);
        hourly("wt-caiso", IntensitySignal.MARGINAL, "lb/MWh", 1000);
        var a = whatIf.whatIf("hq", BigDecimal.ONE, Duration.ofHours(1), Duration.ofHours(3), T10);
        assertEquals(IntensitySignal.AVERAGE, a.signal());
        assertEquals(T10.plus(Duration.ofHours(1)), a.bestStart());
        assertTrue(a.basis().contains("MARGINAL forecast of 'wt-caiso' (region R) ends at 2026-12-06T11:00:00Z"),
                a.basis());
    }

    @Test
    void noForecastCoveringTheHorizonNamesSiteProviderAndGap() {
        provider(1, "uk", IntensitySignal.AVERAGE);
        hourly("uk", IntensitySignal.AVERAGE, "g/kWh", 300, 100);
        var e = assertThrows(IllegalArgumentException.class,
                () -> whatIf.whatIf("hq", BigDecimal.ONE, Duration.ofHours(1), Duration.ofHours(24), T10));
        assertTrue(e.getMessage().contains("site 'hq'") && e.getMessage().contains("'uk'")
                && e.getMessage().contains("ends at 2026-12-06T12:00:00Z"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> whatIf.whatIf("nowhere", BigDecimal.ONE, Duration.ofHours(1), Duration.ofHours(2), T10));
        assertTrue(e.getMessage().contains("site 'nowhere' has no grid-intensity provider"), e.getMessage());
    }

    @Test
    void badInputIsRefusedWithWhatIsExpected() {
        provider(1, "uk", IntensitySignal.AVERAGE);
        var e = assertThrows(IllegalArgumentException.class,
                () -> whatIf.whatIf("hq", BigDecimal.ZERO, Duration.ofHours(1), Duration.ofHours(2), T10));
        assertTrue(e.getMessage().contains("load = 0 kW"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> whatIf.whatIf("hq", BigDecimal.TEN, Duration.ofHours(3), Duration.ofHours(2), T10));
        assertTrue(e.getMessage().contains("shorter than the duration"), e.getMessage());
        hourly("uk", IntensitySignal.AVERAGE, "furlongs", 1, 2);
        e = assertThrows(IllegalArgumentException.class,
                () -> whatIf.whatIf("hq", BigDecimal.TEN, Duration.ofHours(1), Duration.ofHours(2), T10));
        assertTrue(e.getMessage().contains("provider 'uk': intensity unit 'furlongs' is not known"), e.getMessage());
    }
}
