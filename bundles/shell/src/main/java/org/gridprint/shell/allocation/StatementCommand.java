package org.gridprint.shell.allocation;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.allocation.StatementFormat;
import org.gridprint.api.allocation.StatementRequest;
import org.gridprint.api.allocation.TenantStatementService;

@Service
@Command(scope = "gridprint", name = "statement",
        description = "A data-center tenant's carbon statement for a period: IT kWh (PDU/UPS meters, or server"
                + " utilisation through a power model: ESTIMATED), its share of the facility overhead by PUE per"
                + " window, total, PUE, location- and market-based Scope 2, its share of the site's RECs, offsets"
                + " apart, every factor edition used and the findings. Every tenant's line and the unassigned IT add"
                + " up to the facility to the Wh and the gram. Without --tenant: every tenant's line.")
public class StatementCommand implements Action {

    @Option(name = "--tenant", description = "The tenant (default: every tenant of the data center)")
    @Completion(DataCenterTenantCompleter.class)
    String tenant;

    @Option(name = "--site", description = "The data center's id or site (needed when several are configured)")
    @Completion(DataCenterCompleter.class)
    String site;

    @Option(name = "--period", description = "A month 2026-11, a year 2026 or a day 2026-11-05, in the data center's"
            + " time zone")
    String period;

    @Option(name = "--from", description = "First day, 2026-11-01 (instead of --period)")
    String from;

    @Option(name = "--to", description = "The day after the last, 2026-12-01 (with --from)")
    String to;

    @Option(name = "--format", description = "text (default), csv (one record per window, line, factor, offset,"
            + " finding) or json")
    @Completion(value = StringsCompleter.class, values = {"text", "csv", "json"})
    String format = "text";

    @Option(name = "--output", description = "Write the statement to this regular file (and <file>.sha256) instead"
            + " of the console")
    @Completion(FileCompleter.class)
    String output;

    @Option(name = "--force", description = "Replace an existing --output file (and its .sha256)")
    boolean force;

    @Option(name = "--no-format", description = "Console text: plain tables without borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    TenantStatementService statements;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var fmt = StatementFormat.parse(format);
        var days = StatementPeriod.parse(period, from, to);
        if (statements == null) {
            out.println("No tenant statement service: is the gridprint-allocation feature installed"
                    + " (feature:install gridprint-allocation)?");
            return null;
        }
        var statement = statements.statement(new StatementRequest(site, tenant, days.from(), days.to()));
        if (output == null || output.isBlank()) {
            if (fmt == StatementFormat.TEXT) {
                StatementTables.print(statement, out, !noFormat);
                return null;
            }
            out.print(statements.render(statement, fmt));
            out.flush();
            return null;
        }
        var file = statements.write(statement, fmt, resolve(output.trim()), force);
        out.println("Wrote " + file.file() + " (" + file.bytes() + " bytes, "
                + fmt.name().toLowerCase(java.util.Locale.ROOT)
                + ")");
        out.println("SHA-256 " + file.sha256() + " in " + file.sidecar());
        if (file.recordRef() > 0) {
            out.println("Issue recorded as version " + file.version() + " (ref " + file.recordRef() + ") in the"
                    + " ledgered register tenant-statement (gridprint:verify covers it)");
        }
        var l = statement.line();
        out.println((statement.tenant().isEmpty() ? "facility" : statement.tenant()) + ": total "
                + java.math.BigDecimal.valueOf(l.totalWh(), 3).toPlainString() + " kWh, location-based "
                + java.math.BigDecimal.valueOf(l.locationCo2eGrams(), 3).toPlainString() + " kg, market-based "
                + java.math.BigDecimal.valueOf(l.marketCo2eGrams(), 3).toPlainString() + " kg CO2e; "
                + statement.findings().size() + " findings");
        return null;
    }

    private Path resolve(String name) {
        var path = Path.of(name);
        if (path.isAbsolute()) {
            return path;
        }
        var dir = session.currentDir();
        return dir == null ? path.toAbsolutePath() : dir.resolve(path).toAbsolutePath();
    }
}
