package org.gridprint.shell.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.carbon.ProviderStatus;
import org.gridprint.api.carbon.RecalculationService;
import org.gridprint.api.carbon.SiteLocation;
import org.gridprint.api.carbon.WhatIfService;
import org.junit.jupiter.api.Test;

/** factors, intensity, site-location, recalculate and whatif against small contract-following fakes. */
class ServiceCommandsTest {

    private final Console console = new Console();

    private static FactorCatalog catalog(FactorVersion f, boolean latestPublished) {
        return new FactorCatalog() {
            @Override
            public List<FactorVersion> factors(String filter) {
                return f.id().contains(filter) || f.source().contains(filter) ? List.of(f) : List.of();
            }

            @Override
            public Optional<FactorVersion> factor(String id) {
                return f.id().equals(id) ? Optional.of(f) : Optional.empty();
            }

            @Override
            public Optional<FactorVersion> byRef(long ref) {
                return ref == 3 ? Optional.of(f) : Optional.empty();
            }

            @Override
            public Optional<Selection> select(String series, Instant at, String gwpSet) {
                return series.equals("egrid/subregion/CAMX/co2e") ? Optional.of(new Selection(f, 3, latestPublished))
                        : Optional.empty();
            }

            @Override
            public long register(FactorVersion factor) {
                return 3;
            }

            @Override
            public String policy() {
                return "the edition of the consumption year, else the latest published";
            }
        };
    }

    @Test
    void factorsListsInFullAndShowsThePolicyAndSelections() throws Exception {
        var c = new FactorsCommand();
        c.catalog = catalog(Windows.camx(), true);
        c.session = console.session();
        c.noFormat = true;
        c.filter = "CAMX";
        c.execute();
        var text = console.text();
        assertTrue(text.contains("egrid2022/subregion/CAMX/co2e"), text);
        assertTrue(text.contains("499.3 lb/MWh"), text);
        assertTrue(text.contains("226.478670341 g/kWh"), text);
        // the source is wrapped at word boundaries, never cut: every word is there
        for (var word : Windows.camx().source().split(" ")) {
            assertTrue(text.contains(word), word + "\n" + text);
        }
        assertTrue(text.contains("Policy: the edition of the consumption year, else the latest published"), text);

        c.filter = null;
        c.series = "egrid/subregion/CAMX/co2e";
        c.at = "2024-06-01";
        c.execute();
        text = console.text();
        assertTrue(text.startsWith("selected for 2024-06-01T00:00:00Z (register ref 3): egrid2022/subregion/CAMX/co2e"),
                text);
        assertTrue(text.contains("policy: no edition for this consumption year; the latest published edition applies"),
                text);

        c.series = "egrid/subregion/XXXX/co2e";
        c.execute();
        assertTrue(console.text().startsWith("series 'egrid/subregion/XXXX/co2e' has no factor for consumption at"));
        c.series = null;
        c.id = "nope";
        c.execute();
        assertEquals("no factor with id 'nope'; list them with gridprint:factors [filter]", console.text());
    }

    /** Providers of site sf: rank 1 a file, rank 2 UK CI with an error; one stored history point. */
    private static final class Intensity implements IntensityService {
        SiteLocation location = new SiteLocation("sf", "CAMX", "CA", "US", "", "", Optional.empty(), Optional.empty(),
                Optional.empty());
        final List<SiteLocation> set = new ArrayList<>();
        final IntensityPoint point = new IntensityPoint("sf-file", "CAMX", IntensitySignal.AVERAGE,
                Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T11:00:00Z"), new BigDecimal("226.5"),
                "g/kWh", false, false, "", Instant.parse("2026-12-06T10:05:00Z"));

        @Override
        public List<ProviderStatus> providers(String siteId) {
            return List.of(new ProviderStatus("sf", 1, "sf-file", "file", "CAMX", IntensitySignal.AVERAGE,
                    Optional.of(Instant.parse("2026-12-06T10:05:00Z")), Optional.empty(), Optional.of(point),
                    Optional.of(Instant.parse("2026-12-06T10:20:00Z"))),
                    new ProviderStatus("sf", 2, "uk-ci", "ukci", "13", IntensitySignal.AVERAGE, Optional.empty(),
                            Optional.of("HTTP 429 Too Many Requests; retry after 600 s"), Optional.empty(),
                            Optional.of(Instant.parse("2026-12-06T10:30:00Z"))));
        }

        @Override
        public List<IntensityPoint> history(String siteId, String provider, Instant from, Instant to) {
            return !point.start().isBefore(from) && point.start().isBefore(to) ? List.of(point) : List.of();
        }

        @Override
        public Optional<FactorVersion> averageFor(String siteId, Instant start, Instant end) {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> resolution(String siteId) {
            return Optional.of(Duration.ofMinutes(60));
        }

        @Override
        public Optional<SiteLocation> location(String siteId) {
            return siteId.equals("sf") ? Optional.of(location) : Optional.empty();
        }

        @Override
        public SiteLocation setLocation(SiteLocation l) {
            set.add(l);
            location = l;
            return l;
        }
    }

    @Test
    void intensityShowsProvidersInRankOrderAndHistory() throws Exception {
        var service = new Intensity();
        var c = new IntensityCommand();
        c.intensity = service;
        c.session = console.session();
        c.noFormat = true;
        c.site = "sf";
        c.now = Instant.parse("2026-12-06T12:00:00Z");
        c.execute();
        var out = console.lines();
        var text = String.join("\n", out);
        assertTrue(out.stream().anyMatch(l -> l.matches("sf\\s+1\\s+sf-file\\s+file\\s+CAMX\\s+AVERAGE\\s+226\\.5 g/kWh\\s+"
                + "2026-12-06T10:00:00Z\\s+2026-12-06T10:05:00Z\\s+2026-12-06T10:20:00Z\\s+-")), text);
        assertTrue(out.stream().anyMatch(l -> l.matches("sf\\s+2\\s+uk-ci\\s+ukci\\s+13\\s+AVERAGE\\s+-\\s+-\\s+never\\s+"
                + "2026-12-06T10:30:00Z\\s+HTTP 429 Too Many Requests; retry after 600 s")), text);
        assertTrue(text.contains("Resolution of the first-ranked series: 60 min"), text);
        assertTrue(text.contains("Location: eGRID subregion CAMX, state CA, country US"), text);

        c.history = true;
        c.last = "6h";
        c.execute();
        out = console.lines();
        assertTrue(out.stream().anyMatch(l -> l.matches("sf-file\\s+CAMX\\s+AVERAGE\\s+2026-12-06T10:00:00Z\\s+"
                + "2026-12-06T11:00:00Z\\s+226\\.5\\s+g/kWh\\s+actual\\s+-\\s+2026-12-06T10:05:00Z")), String.join("\n", out));
        c.site = null;
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertEquals("--history needs --site <site>: the values are a site's providers'", e.getMessage());
    }

    @Test
    void siteLocationKeepsWhatIsNotGiven() throws Exception {
        var service = new Intensity();
        var c = new SiteLocationCommand();
        c.intensity = service;
        c.session = console.session();
        c.site = "sf";
        c.execute();
        assertEquals("site sf: eGRID subregion CAMX, state CA, country US", console.text());
        c.ukRegion = "13";
        c.state = "-";
        c.execute();
        assertEquals("site sf location set: eGRID subregion CAMX, country US, UK CI region 13", console.text());
        assertEquals(Optional.of(13), service.set.get(0).ukRegionId());
    }

    @Test
    void recalculateNeedsAReasonAndPassesTheSite() throws Exception {
        var calls = new ArrayList<String>();
        var c = new RecalculateCommand();
        c.recalculation = (from, to, site, reason) -> {
            calls.add(from + " " + to + " " + site + " " + reason);
            return new RecalculationService.Result(24, 2, 0, 1, Optional.empty());
        };
        c.session = console.session();
        c.from = "2026-01-01";
        c.to = "2026-01-02";
        c.reason = " ";
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertEquals("--reason: missing; expected a text saying why, e.g. \"late intensity values\"", e.getMessage());
        c.reason = "late intensity values";
        c.site = "sf";
        c.execute();
        assertEquals(List.of("2026-01-01T00:00:00Z 2026-01-02T00:00:00Z Optional[sf] late intensity values"), calls);
        assertTrue(console.text().contains("24 window(s) checked, 2 revised (new version, the earlier kept), 0 added,"
                + " 22 unchanged"));
    }

    @Test
    void whatIfChecksItsOptionsAndFindsTheOnlySite() throws Exception {
        var asked = new ArrayList<String>();
        var c = new WhatIfCommand();
        c.intensity = new Intensity();
        c.whatIf = (site, kw, duration, within, now) -> {
            asked.add(site + " " + kw + " " + duration + " " + within);
            return new WhatIfService.Answer(site, IntensitySignal.AVERAGE, "sf-file", now, now.plusSeconds(3600),
                    new BigDecimal("15000"), new BigDecimal("25000"), new BigDecimal("10000"), "");
        };
        c.session = console.session();
        c.now = Instant.parse("2026-12-06T10:00:00Z");
        c.load = "50kW";
        c.duration = "2h";
        c.within = "1h";
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertEquals("--within 1h is shorter than --duration 2h; expected a horizon at least as long as the run",
                e.getMessage());
        c.within = "24h";
        c.execute();
        assertEquals(List.of("sf 50 PT2H PT24H"), asked);
        assertTrue(console.text().contains("signal AVERAGE from provider sf-file (average: the provider offers no"
                + " marginal forecast)"));
    }
}
