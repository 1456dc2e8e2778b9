package org.gridprint.shell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.gridprint.api.IngestStatistics;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;

/** The screen of {@code gridprint:status}: one line per part, then the devices that are not ONLINE. */
public final class StatusText {

    /** How many quarantined readings are asked for; at this many the count reads "≥ N". */
    public static final int QUARANTINE_PROBE = 1000;
    static final int HASH_CHARS = 12;
    static final int MESSAGE_CHARS = 100;

    /** What the command found; each part from its own service. */
    public record Status(Probe<IngestStatistics> ingest, Probe<Long> readingsStored,
            Probe<Optional<LedgerEntry>> ledgerHead, Probe<Integer> quarantined, Probe<List<DeviceHealth>> devices) {
    }

    private StatusText() {
    }

    public static List<String> lines(Status status, Instant now) {
        var lines = new ArrayList<String>();
        lines.add("Gridprint status at " + Texts.time(now));
        lines.add(line("Ingest", status.ingest(), s -> ingest(s, now)));
        lines.add(line("Readings", status.readingsStored(), n -> n + " stored"));
        lines.add(line("Ledger head", status.ledgerHead(), head -> head.map(e -> "batch #" + e.batchId() + " "
                + Texts.shortHash(e.hash(), HASH_CHARS) + ", committed " + Texts.timeAgo(e.committedAt(), now))
                .orElse("no batch yet")));
        lines.add(line("Quarantine", status.quarantined(), StatusText::quarantine));
        lines.add(line("Devices", status.devices(), StatusText::deviceCounts));
        if (status.devices() instanceof Probe.Answer<List<DeviceHealth>> devices) {
            for (var h : devices.value()) {
                if (h.state() != DeviceState.ONLINE) {
                    lines.add("  " + h.deviceId() + " (" + h.driver() + ") " + h.state() + ": " + lastError(h, now));
                }
            }
        }
        return lines;
    }

    static String ingest(IngestStatistics s, Instant now) {
        var last = s.lastBatchAt().map(t -> "last " + Texts.timeAgo(t, now)).orElse("none yet");
        return s.batches() + " batches (" + last + "); readings " + s.accepted() + " accepted, " + s.duplicates()
                + " duplicates, " + s.conflicts() + " conflicts, " + s.invalid() + " invalid; " + s.storeFailures()
                + " store failures";
    }

    static String quarantine(int count) {
        if (count == 0) {
            return "no quarantined conflicts";
        }
        var n = count >= QUARANTINE_PROBE ? "≥ " + QUARANTINE_PROBE : Integer.toString(count);
        return n + " quarantined conflicts (gridprint:quarantine)";
    }

    /** {@code 3 ONLINE, 1 ERROR, 1 CONFIG_ERROR}, in the order of the states. */
    static String deviceCounts(List<DeviceHealth> devices) {
        if (devices.isEmpty()) {
            return "none (no driver bundle running, or no device configured)";
        }
        var counts = new EnumMap<DeviceState, Integer>(DeviceState.class);
        for (var h : devices) {
            counts.merge(h.state(), 1, Integer::sum);
        }
        var parts = new ArrayList<String>();
        counts.forEach((state, n) -> parts.add(n + " " + state));
        return String.join(", ", parts);
    }

    private static String lastError(DeviceHealth h, Instant now) {
        var message = h.lastErrorMessage().map(m -> Texts.cell(m, MESSAGE_CHARS)).orElse("no error recorded");
        return h.lastError().map(t -> message + " (" + Durations.age(t, now) + " ago)").orElse(message);
    }

    private static <T> String line(String label, Probe<T> probe, Function<T, String> describe) {
        var text = probe instanceof Probe.Answer<T> a ? describe.apply(a.value())
                : "not available: " + ((Probe.NotAvailable<T>) probe).message();
        return String.format("%-12s %s", label + ":", text);
    }
}
