package org.gridprint.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.MeterPattern;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.export.Exporter;
import org.osgi.framework.BundleContext;

@Service
@Command(scope = "gridprint", name = "export",
        description = "Writes an export document (csv: one row per emission interval; emission-windows-csv: one row per emission window with its factor provenance; readings-csv: one row per reading)"
                + " with its SHA-256 sidecar and manifest, and prints the SHA-256 and the ledger head. Ctrl-C cancels.")
public class ExportCommand implements Action {

    @Option(name = "--from", description = "Start: ISO instant 2026-11-01T00:00:00Z or date 2026-11-01")
    String from;

    @Option(name = "--to", description = "End (exclusive): ISO instant or date (default: now)")
    String to;

    @Option(name = "--last", description = "Instead of --from: a span back from --to or now, e.g. 1h, 7d")
    String last;

    @Option(name = "--meters", description = "Comma-separated meter ids or globs, e.g. hq/b1/*,hq/main (default: all)")
    String meters;

    @Option(name = "--format", description = "Export format: emission-windows-csv (the emission windows, default), readings-csv (the stored readings) or csv (the emission interval records of the first carbon version; no longer written)")
    @Completion(value = StringsCompleter.class, values = {"csv", "emission-windows-csv", "readings-csv"})
    String format = ExportFormat.DEFAULT;

    @Option(name = "--force", description = "Replace an existing regular file (and its .sha256 and .manifest.json)")
    boolean force;

    @Argument(index = 0, name = "file", required = true,
            description = "File to write (relative to the current directory); must be a regular file path")
    @Completion(FileCompleter.class)
    String file;

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (from == null && last == null) {
            throw new IllegalArgumentException("gridprint:export needs a period: expected --from <time> [--to <time>] "
                    + "or --last <span> (e.g. --last 1h)");
        }
        var period = TimeArgs.period(from, to, last, Instant.now(), Duration.ZERO);
        var formatName = ExportFormat.parse(format);
        var target = resolve(file);
        var progress = new ExportProgressPrinter(out::println, System::nanoTime);
        var request = new ExportRequest(period.from(), period.to(), MeterPattern.split(meters), target, force, progress);
        try {
            var result = Devices.withExporter(bundleContext, formatName, exporter -> exporter.export(request));
            if (result.isEmpty()) {
                out.println("No exporter for format '" + formatName + "' (a service " + Exporter.class.getName()
                        + " with " + Exporter.FORMAT + "=" + formatName + "): is the gridprint-export feature installed?");
                return null;
            }
            out.println(ExportText.result(result.get(), formatName, period.from(), period.to()));
        } catch (CancellationException e) {
            Thread.interrupted(); // the Ctrl-C is handled: the export stopped and removed its temp files
            out.println(ExportText.cancelled(target));
        }
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
