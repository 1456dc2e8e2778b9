package org.gridprint.shell.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.Meter;
import org.gridprint.api.allocation.AuditFinding;
import org.gridprint.api.allocation.AuditReport;
import org.gridprint.api.allocation.AuditRequest;
import org.gridprint.api.allocation.AuditService;
import org.gridprint.api.allocation.AuditWindow;
import org.gridprint.api.allocation.MeterTree;
import org.gridprint.api.allocation.TreeNode;
import org.gridprint.api.allocation.TreeProblem;
import org.junit.jupiter.api.Test;

class AllocationCommandsTest {

    private static final long KWH = 1_000_000_000L;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Session session() {
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("getConsole") ? out : null);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The output with every table cell trimmed (ShellTable pads cells even with --no-format). */
    private String cells() {
        var sb = new StringBuilder();
        for (var line : text().split("\n")) {
            var parts = line.split("\t", -1);
            for (int i = 0; i < parts.length; i++) {
                sb.append(i == 0 ? "" : "\t").append(parts[i].trim());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A MeterTree with one fixed site tree; records the period asked for. */
    static final class FixedTree implements MeterTree {
        final List<LocalDate[]> asked = new ArrayList<>();

        @Override
        public List<String> sites() {
            return List.of("hq");
        }

        @Override
        public ZoneId zone(String siteId) {
            return ZoneOffset.UTC;
        }

        @Override
        public TreeNode tree(String siteId, View view, LocalDate from, LocalDate to) {
            asked.add(new LocalDate[] {from, to});
            var ahu = new TreeNode(TreeNode.Kind.METER, "hq/ahu", Optional.of(new Meter("hq/ahu", "AHU", "hq", "",
                    "AHU", "", "HVAC", "", List.of(), Optional.of("hq/main"), 0)), "", List.of(), 30 * KWH, true, 0, 4);
            var main = new TreeNode(TreeNode.Kind.METER, "hq/main", Optional.of(Meter.of("hq/main", "hq")), "",
                    List.of(ahu), 120 * KWH, true, 30 * KWH, 4);
            return new TreeNode(TreeNode.Kind.SITE, "hq", Optional.empty(), "", List.of(main), 120 * KWH, true,
                    120 * KWH, 4);
        }

        @Override
        public String export(String siteId, Format format) {
            return format + " of " + siteId + "\n";
        }

        @Override
        public List<TreeProblem> problems() {
            return List.of(new TreeProblem("hq/x", "parent", "parent 'hq/y' is not a declared meter"));
        }
    }

    @Test
    void treeShowsEnergyUnmeteredAndProblems() throws Exception {
        var c = new TreeCommand();
        var tree = new FixedTree();
        c.tree = tree;
        c.session = session();
        c.period = "2026-11";
        c.noFormat = true;
        c.execute();
        assertEquals(LocalDate.of(2026, 11, 1), tree.asked.get(0)[0]);
        assertEquals(LocalDate.of(2026, 12, 1), tree.asked.get(0)[1]);
        var out = cells();
        assertTrue(text().contains("\n    hq/ahu"), text()); // indented two levels
        // main 120 kWh, submeters 30, unmetered 90 = 75.0 %
        assertTrue(out.contains("hq/main\tmeter\t120.000\t30.000\t90.000\t75.0\t4"), out);
        assertTrue(out.contains("hq/ahu\tmeter\t30.000\t\t\t\t4\tAHU, department:HVAC"), out);
        assertTrue(out.contains("meter hq/x (field 'parent'): parent 'hq/y' is not a declared meter"), out);
    }

    @Test
    void treeExportsAndRefusesUnknownFormats() throws Exception {
        var c = new TreeCommand();
        c.tree = new FixedTree();
        c.session = session();
        c.format = "brick";
        c.execute();
        assertTrue(text().startsWith("BRICK of hq"), text());
        c.format = "rdf";
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().contains("expected text, haystack or brick"));
    }

    @Test
    void periodsParsed() {
        var today = LocalDate.of(2026, 12, 6);
        assertEquals(new AuditPeriod(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1)),
                AuditPeriod.parse(null, null, null, today));
        assertEquals(new AuditPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)),
                AuditPeriod.parse("2026", null, null, today));
        assertEquals(new AuditPeriod(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 6)),
                AuditPeriod.parse("2026-11-05", null, null, today));
        assertEquals(new AuditPeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 15)),
                AuditPeriod.parse(null, "2026-11-01", "2026-11-15", today));
        var e = assertThrows(IllegalArgumentException.class, () -> AuditPeriod.parse("2026-13", null, null, today));
        assertTrue(e.getMessage().contains("expected a month 2026-11"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AuditPeriod.parse(null, "01.11.2026", null, today));
        assertTrue(e.getMessage().contains("--from '01.11.2026' is not a date"), e.getMessage());
    }

    @Test
    void auditListsTheWorstFirstAsGiven() throws Exception {
        var c = new AuditCommand();
        var asked = new ArrayList<AuditRequest>();
        c.audit = new AuditService() {
            @Override
            public AuditReport audit(AuditRequest request) {
                asked.add(request);
                return new AuditReport("", request.from(), request.to(), List.of(
                        new AuditFinding("hq", AuditFinding.Kind.METER, "hq/b2", List.of("hq/b2-sub"), 5 * KWH, 6 * KWH,
                                4, 0, 1, 1, -400_000_000L, Optional.of(-300_000_000L),
                                AuditFinding.Verdict.NEGATIVE_REMAINDER, "the children measured 1.000 kWh more"),
                        new AuditFinding("hq", AuditFinding.Kind.METER, "hq/main", List.of("a", "b"), 100 * KWH,
                                99 * KWH, 96, 2, 0, 0, 400_000_000L, Optional.empty(), AuditFinding.Verdict.OK,
                                "within 5 %")), List.of());
            }

            @Override
            public List<AuditWindow> windows(AuditRequest request, String parent, int limit) {
                asked.add(request);
                return List.of(new AuditWindow(Instant.parse("2026-11-02T00:15:00Z"), 10 * KWH, 12 * KWH, true));
            }
        };
        c.session = session();
        c.period = "2026-11";
        c.worst = 1;
        c.noFormat = true;
        c.execute();
        assertEquals(new AuditRequest("", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)), asked.get(0));
        var out = cells();
        assertTrue(out.contains("hq\thq/b2\tmeter\t1\t5.000\t6.000\t-1.000\t-20.00\t4\t1\t1\t-0.400\t-0.300"
                + "\tNEGATIVE_REMAINDER"), out);
        assertTrue(!out.contains("hq/main\t"), out);
        assertTrue(out.contains("1 more not shown (--worst 1)"), out);
        assertTrue(out.contains("Findings: 1 negative remainder(s), 0 over the threshold"), out);
    }

    @Test
    void auditWindowsOfOneParent() throws Exception {
        var c = new AuditCommand();
        c.audit = new AuditService() {
            @Override
            public AuditReport audit(AuditRequest request) {
                throw new AssertionError("not the parents");
            }

            @Override
            public List<AuditWindow> windows(AuditRequest request, String parent, int limit) {
                assertEquals("hq", request.siteId());
                assertEquals("hq/main", parent);
                assertEquals(5, limit);
                return List.of(new AuditWindow(Instant.parse("2026-11-02T00:15:00Z"), 10 * KWH, 12 * KWH, true));
            }
        };
        c.session = session();
        c.site = "hq";
        c.parent = "hq/main";
        c.period = "2026-11-02";
        c.worst = 5;
        c.noFormat = true;
        c.execute();
        // 10 vs 12: -2 kWh, -20.0 %
        assertTrue(cells().contains("2026-11-02T00:15:00Z\t10.000\t12.000\t-2.000\t-20.0\tyes"), text());
    }
}
