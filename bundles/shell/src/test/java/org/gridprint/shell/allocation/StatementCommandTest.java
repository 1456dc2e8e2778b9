package org.gridprint.shell.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.allocation.DataCenterInfo;
import org.gridprint.api.allocation.StatementFile;
import org.gridprint.api.allocation.StatementFormat;
import org.gridprint.api.allocation.StatementLine;
import org.gridprint.api.allocation.StatementRequest;
import org.gridprint.api.allocation.TenantStatement;
import org.gridprint.api.allocation.TenantStatementService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's options become the request the service gets; the service's rendering is printed or written. */
class StatementCommandTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<StatementRequest> requests = new ArrayList<>();
    final List<Object[]> writes = new ArrayList<>();

    Session session() {
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConsole" -> out;
                    case "currentDir" -> dir;
                    default -> null;
                });
    }

    /** Records requests; renders the format name and the tenant (the contract's shape, no computation). */
    TenantStatementService service() {
        return new TenantStatementService() {
            @Override
            public List<DataCenterInfo> dataCenters() {
                return List.of(new DataCenterInfo("dc-1", "dc", ZoneId.of("UTC"), List.of("A", "B"), List.of("m"), ""));
            }

            @Override
            public TenantStatement statement(StatementRequest request) {
                requests.add(request);
                var line = new StatementLine(request.tenant(), 1000, 0, 500, 1500, 600, 300, 0, Optional.empty());
                return new TenantStatement("dc-1", "dc", request.tenant(), request.from(), request.to(),
                        ZoneId.of("UTC"), line, List.of(line), line, List.of(), 1, List.of(), List.of(), List.of(), 0,
                        Instant.EPOCH);
            }

            @Override
            public String render(TenantStatement statement, StatementFormat format) {
                return format + " " + statement.tenant() + "\n";
            }

            @Override
            public StatementFile write(TenantStatement statement, StatementFormat format, Path file, boolean force) {
                writes.add(new Object[] {format, file, force});
                return new StatementFile(file, Path.of(file + ".sha256"), "ab12", 10, 77, 2);
            }
        };
    }

    StatementCommand command() {
        var c = new StatementCommand();
        c.statements = service();
        c.session = session();
        return c;
    }

    @Test
    void monthInTheConsole() throws Exception {
        var c = command();
        c.tenant = "A";
        c.period = "2026-11";
        c.format = "CSV";
        c.execute();
        assertEquals(List.of(new StatementRequest("", "A", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1))),
                requests);
        assertEquals("CSV A\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void textInTheConsoleAsTables() throws Exception {
        var c = command();
        c.tenant = "A";
        c.period = "2026-11";
        c.noFormat = true;
        c.execute();
        var text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Carbon statement, tenant A — data center dc-1 (site dc), 2026-11-01 .. 2026-11-30"
                + " (UTC), 1 facility windows"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("Total\\s+1\\.500\\s+kWh")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("A\\s+1\\.000\\s+0\\.500\\s+1\\.500\\s+-\\s+0\\.600\\s+0\\.300"
                + "\\s+0\\.000")), text);
        assertTrue(text.contains("none assigned to A"), text);
    }

    @Test
    void outputFileRelativeToTheSessionDirectory() throws Exception {
        var c = command();
        c.tenant = "B";
        c.site = "dc-1";
        c.from = "2026-11-01";
        c.to = "2026-11-16";
        c.format = "json";
        c.output = "b.json";
        c.force = true;
        c.execute();
        assertEquals(new StatementRequest("dc-1", "B", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 16)),
                requests.get(0));
        assertEquals(StatementFormat.JSON, writes.get(0)[0]);
        assertEquals(dir.resolve("b.json"), writes.get(0)[1]);
        assertEquals(true, writes.get(0)[2]);
        var text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("SHA-256 ab12"), text);
        assertTrue(text.contains("recorded as version 2 (ref 77)"), text);
        assertTrue(text.contains("B: total 1.500 kWh, location-based 0.600 kg, market-based 0.300 kg CO2e"), text);
    }

    @Test
    void periodsAndTheirErrors() {
        assertEquals(new StatementPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)),
                StatementPeriod.parse("2026", null, null));
        assertEquals(new StatementPeriod(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 6)),
                StatementPeriod.parse("2026-11-05", null, null));
        var e = assertThrows(IllegalArgumentException.class, () -> StatementPeriod.parse("2026-13", null, null));
        assertEquals("--period: '2026-13' is not a period; " + StatementPeriod.EXPECTED, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StatementPeriod.parse(null, "2026-11-05", "2026-11-05"));
        assertEquals("--to 2026-11-05 must be after --from 2026-11-05 (--to is the day after the last day)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StatementPeriod.parse(null, null, null));
        assertEquals("gridprint:statement needs a period; " + StatementPeriod.EXPECTED, e.getMessage());
        var c = command();
        c.period = "2026-11";
        c.format = "pdf";
        e = assertThrows(IllegalArgumentException.class, c::execute);
        assertEquals("statement format 'pdf' is not known; expected text, csv or json", e.getMessage());
    }

    @Test
    void tenantCompleterOffersTheDataCentersTenants() {
        var completer = new DataCenterTenantCompleter();
        completer.statements = service();
        var candidates = new ArrayList<String>();
        var line = (org.apache.karaf.shell.api.console.CommandLine) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.apache.karaf.shell.api.console.CommandLine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getCursorArgument" -> "";
                    case "getArgumentPosition" -> 0;
                    case "getBufferPosition" -> 0;
                    case "getBuffer" -> "";
                    case "getArguments" -> new String[] {""};
                    default -> 0;
                });
        completer.complete(session(), line, candidates);
        assertTrue(candidates.stream().anyMatch(s -> s.trim().equals("A")), candidates.toString());
        assertTrue(candidates.stream().anyMatch(s -> s.trim().equals("B")), candidates.toString());
    }
}
