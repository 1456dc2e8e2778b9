package org.gridprint.http.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.gridprint.api.export.ExportRequest;
import org.gridprint.http.ApiServices;
import org.gridprint.http.web.ApiException;
import org.gridprint.http.web.Call;

/**
 * GET /exports/emission-windows.csv: the exporter of format {@value #FORMAT} (bundle export-csv) writes the file
 * into a private temporary directory; the answer streams it with its SHA-256 in {@code X-Gridprint-SHA256} (hex)
 * and {@code Repr-Digest} (RFC 9530), and the ledger head it was computed from in {@code X-Gridprint-Ledger-Head}.
 * The headers come first, so the file is complete before a byte is sent; the directory is deleted afterwards.
 */
public final class ExportGet {

    public static final String FORMAT = "emission-windows-csv";

    private final ApiServices services;
    private final Clock clock;

    public ExportGet(ApiServices services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    public void handle(Call call) throws IOException {
        var exporter = services.exporter(FORMAT).orElseThrow(() -> ApiException.unavailable("no exporter of format "
                + FORMAT + " (a service org.gridprint.api.export.Exporter with gridprint.export.format=" + FORMAT
                + ") is running: is the gridprint-export feature installed?"));
        var to = call.time("to", clock.instant());
        var from = call.time("from", to.minus(Duration.ofDays(1)));
        Call.period(from, to);
        var meters = call.params("meter");
        var dir = Files.createTempDirectory("gridprint-http-export");
        try {
            var target = dir.resolve("emission-windows.csv");
            var result = exporter.export(new ExportRequest(from, to, meters, target));
            var resp = call.response();
            resp.setStatus(200);
            resp.setContentType("text/csv");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Content-Disposition", "attachment; filename=\"emission-windows_" + stamp(from) + "_"
                    + stamp(to) + ".csv\"");
            resp.setHeader("X-Gridprint-SHA256", result.sha256());
            resp.setHeader("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of()
                    .parseHex(result.sha256())) + ":");
            resp.setHeader("X-Gridprint-Rows", Long.toString(result.rows()));
            result.ledgerHead().ifPresent(h -> resp.setHeader("X-Gridprint-Ledger-Head", h.batchId() + ":" + h.hash()));
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentLengthLong(Files.size(result.file()));
            try (var out = resp.getOutputStream()) {
                Files.copy(result.file(), out);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("export refused: " + e.getMessage());
        } catch (CancellationException e) {
            throw ApiException.unavailable("the export was cancelled (the server is stopping)");
        } finally {
            delete(dir);
        }
    }

    private static String stamp(java.time.Instant t) {
        return t.toString().replace(":", "");
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover temporary file; the OS cleans its temp directory
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
