package org.gridprint.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.gridprint.api.MeterPattern;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.export.Exporter;
import org.osgi.framework.BundleContext;

@Service
@Command(scope = "gridprint", name = "export",
        description = "Writes an export document (CSV: one row per interval) and prints its SHA-256 and the ledger head")
public class ExportCommand implements Action {

    @Option(name = "--from", required = true, description = "Start: ISO instant 2026-11-01T00:00:00Z or date 2026-11-01")
    String from;

    @Option(name = "--to", required = true, description = "End (exclusive): ISO instant or date")
    String to;

    @Option(name = "--meters", description = "Comma-separated meter ids or globs, e.g. hq/b1/*,hq/main (default: all)")
    String meters;

    @Option(name = "--format", description = "Export format: letters, digits, '-', '_' (default csv)")
    String format = ExportFormat.DEFAULT;

    @Argument(index = 0, name = "file", required = true, description = "File to write (relative to the current directory)")
    @Completion(FileCompleter.class)
    String file;

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var period = TimeArgs.period(from, to, null, Instant.now(), Duration.ZERO);
        var formatName = ExportFormat.parse(format);
        var target = resolve(file);
        var request = new ExportRequest(period.from(), period.to(), MeterPattern.split(meters), target);
        var result = Devices.withExporter(bundleContext, formatName, exporter -> exporter.export(request));
        if (result.isEmpty()) {
            out.println("No exporter for format '" + formatName + "' (a service " + Exporter.class.getName() + " with "
                    + Exporter.FORMAT + "=" + formatName + "): is the gridprint-export feature installed?");
            return null;
        }
        var r = result.get();
        out.println("Exported " + r.rows() + " rows to " + r.file());
        out.println("SHA-256: " + r.sha256());
        out.println("Ledger head: " + r.ledgerHead().map(h -> "batch #" + h.batchId() + " " + h.hash())
                .orElse("none (empty ledger)"));
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
