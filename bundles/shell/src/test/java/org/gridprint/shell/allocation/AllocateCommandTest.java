package org.gridprint.shell.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.allocation.Allocation;
import org.gridprint.api.allocation.AllocationRequest;
import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.allocation.TargetWindow;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;
import org.junit.jupiter.api.Test;

class AllocateCommandTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<AllocationRequest> requests = new ArrayList<>();

    private AllocateCommand command() {
        var c = new AllocateCommand();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        c.session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (p, m, a) -> m.getName().equals("getConsole") ? out : null);
        c.allocation = r -> {
            requests.add(r);
            return new Allocation(r, 14_000, 5_601, 4_200, 1_400, List.of(
                    new AllocationShare("(unallocated)", 3_000, 1_200, 900, 400, "remainder of M (no remainder rule)"),
                    new AllocationShare("Finance", 4_000, 1_600, 1_200, 600, "submeter A"),
                    new AllocationShare("Operations", 7_000, 2_801, 2_100, 400, "submeter B")),
                    List.of(new TargetWindow("Finance", r.from(), r.from().plusSeconds(3600), 4_000_000_001L,
                            1_600_000_000L, 1_200_000_000L, 600_000_000L)), 17, 2, 1, Instant.parse(
                                    "2026-12-01T08:00:00Z"));
        };
        return c;
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8).replaceAll("[ \\t]+", " ");
    }

    @Test
    void printsSharesTotalsAndTheRuleVersion() throws Exception {
        var c = command();
        c.site = "demo-hq";
        c.period = "2026-11";
        c.zone = "America/New_York";
        c.windows = true;
        c.noFormat = true;
        c.execute();
        var r = requests.get(0);
        assertEquals(Instant.parse("2026-11-01T04:00:00Z"), r.from()); // midnight in New York (EDT, UTC-4)
        assertEquals(Instant.parse("2026-12-01T05:00:00Z"), r.to()); // after the switch to EST, UTC-5
        assertEquals("department", r.dimension());
        assertEquals(ZoneId.of("America/New_York"), r.zone());
        var t = text();
        assertTrue(t.contains("Finance 4.000 28.6 % 1.600 1.200 0.600 submeter A"), t);
        assertTrue(t.contains("Operations 7.000 50.0 % 2.801 2.100 0.400 submeter B"), t);
        assertTrue(t.contains("Total 14.000 100.0 % 5.601 4.200 1.400 "), t);
        assertTrue(t.contains("Allocation version 1 computed 2026-12-01T08:00:00Z with rule set version 2"
                + " (register allocation-rule, ref 17)"), t);
        assertTrue(t.contains("Finance 4.000000001 1.600000000 1.200000000 0.600000000"), t);
        assertTrue(t.contains("(unallocated): energy no rule assigns"), t);
    }

    @Test
    void recalculationNeedsAReasonAndPeriodsAreChecked() {
        var c = command();
        c.site = "s";
        c.period = "2026-11";
        c.recalculate = true;
        assertTrue(assertThrows(IllegalArgumentException.class, c::execute).getMessage().startsWith("--reason: missing"));
        var d = command();
        d.site = "s";
        d.period = "2026-13";
        assertEquals("--period: '2026-13' is not a period; expected a month 2026-11, a year 2026 or a day 2026-11-05"
                + " (cut in the site's time zone Z)", assertThrows(IllegalArgumentException.class, d::execute)
                        .getMessage());
        var e = command();
        e.site = "s";
        assertTrue(assertThrows(IllegalArgumentException.class, e::execute).getMessage().startsWith("missing period"));
        var f = command();
        assertTrue(assertThrows(IllegalArgumentException.class, f::execute).getMessage()
                .startsWith("--site: missing; expected one of the sites with allocation rules: none configured"));
    }

    @Test
    void fromAndToAreDatesInTheZone() throws Exception {
        var c = command();
        c.site = "s";
        c.from = "2026-11-01";
        c.to = "2026-11-08";
        c.recalculate = true;
        c.reason = "meter replaced";
        c.execute();
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), requests.get(0).from());
        assertEquals(Instant.parse("2026-11-08T00:00:00Z"), requests.get(0).to());
        assertTrue(requests.get(0).recalculate());
        assertEquals("meter replaced", requests.get(0).reason());
    }

    @Test
    void namesTheFactorVersionsTheStoredPeriodRecords() throws Exception {
        var c = command();
        c.site = "s";
        c.period = "2026-11";
        c.zone = "UTC";
        var key = "s/department/2026-11-01T00:00:00Z/2026-12-01T00:00:00Z";
        var stored = new RegisterRecord(30, "allocation", key, 1, "calculation=1\nsources.instrumentRefs=\n"
                + "sources.locationFactorRefs=12-14\nsources.marketFactorRefs=12-14, 20\n", "computed", Instant.EPOCH);
        var factor = new RegisterRecord(12, "factor", "egrid/subregion/RFCE/co2e/2023", 1, "...", "", Instant.EPOCH);
        c.register = (RecordRegister) Proxy.newProxyInstance(RecordRegister.class.getClassLoader(),
                new Class<?>[] {RecordRegister.class}, (p, m, a) -> switch (m.getName()) {
                    case "history" -> a[1].equals(key) ? List.of(stored) : List.of();
                    case "byRef" -> ((Long) a[0]) == 12L ? Optional.of(factor) : Optional.empty();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        c.execute();
        var t = text();
        assertTrue(t.contains("Priced with factor versions (register factor) location-based: 12-14; market-based:"
                + " 12-14, 20; instruments (register instrument): none"), t);
        assertTrue(t.contains("ref 12: factor egrid/subregion/RFCE/co2e/2023 version 1"), t);
    }
}
