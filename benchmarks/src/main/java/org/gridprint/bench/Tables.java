package org.gridprint.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The per-phase lines and the markdown tables of a load run. */
final class Tables {

    private Tables() {
    }

    /** One phase of one store and shape; commits -1 = not counted by the store (ledgered batches used). */
    record Line(String store, String shape, int threads, String phase, PhaseRecorder rec, double seconds,
            long commits, long bytesWritten, long walBytes, String background) {

        double readingsPerSec() {
            return rec.readings.get() / seconds;
        }

        double batchesPerSec() {
            return rec.batches.get() / seconds;
        }

        String commitsPerSec() {
            return commits >= 0 ? fmt(commits / seconds) : fmt(rec.ledgered.get() / seconds) + " ¹";
        }
    }

    static void printPhase(String store, String shape, String phase, PhaseRecorder rec, double seconds,
            String background) {
        System.out.printf(Locale.ROOT, "  %-34s %-7s %-22s %,9.0f readings/s %,8.0f batches/s; submit p50 %.2f p99 "
                + "%.2f max %.1f ms; poll done p99 %.1f max %.1f ms; missed slots %,d; failed %,d%s%n", store, shape,
                phase, rec.readings.get() / seconds, rec.batches.get() / seconds, rec.submit.quantileMillis(0.5),
                rec.submit.quantileMillis(0.99), rec.submit.maxMillis(), rec.completion.quantileMillis(0.99),
                rec.completion.maxMillis(), rec.missedSlots.get(), rec.failures.get(),
                rec.firstFailure.get() == null ? "" : " (first: " + rec.firstFailure.get() + ")");
        if (!background.isEmpty()) {
            System.out.println("      background " + background);
        }
    }

    static void print(List<Line> lines, String label, List<String> notes) {
        System.out.println("### Results" + (label.isEmpty() ? "" : ": " + label));
        System.out.println();
        System.out.println("| store | shape | threads | phase | readings/s | batches/s | durable commits/s | submit "
                + "p50 / p99 / max ms | poll done p99 / max ms | missed slots | failed | vs baseline |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (var l : lines) {
            var base = baseline(lines, l);
            var vs = base.isEmpty() || l == base.get() ? "" : String.format(Locale.ROOT, "%+.0f %%",
                    100.0 * (l.readingsPerSec() / base.get().readingsPerSec() - 1));
            var done = l.phase.equals("open loop") ? "–" : String.format(Locale.ROOT, "%s / %s",
                    ms(l.rec.completion.quantileMillis(0.99)), ms(l.rec.completion.maxMillis()));
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s / %s / %s | %s | %,d | %,d | %s |%n",
                    l.store, l.shape, l.threads, l.phase, fmt(l.readingsPerSec()), fmt(l.batchesPerSec()),
                    l.commitsPerSec(), ms(l.rec.submit.quantileMillis(0.5)), ms(l.rec.submit.quantileMillis(0.99)),
                    ms(l.rec.submit.maxMillis()), done, l.rec.missedSlots.get(), l.rec.failures.get(), vs);
        }
        System.out.println();
        System.out.println("Write amplification: bytes the store's processes handed to write(2) (/proc/<pid>/io wchar: "
                + "Derby = this JVM, PostgreSQL = the server's processes) per stored reading; baseline phases "
                + "including a checkpoint at their end, open loop without one:");
        System.out.println();
        System.out.println("| store | shape | phase | readings accepted | bytes written | bytes/reading | WAL bytes/reading |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (var l : lines) {
            if (!l.phase.equals("baseline") && !l.phase.equals("open loop")) {
                continue;
            }
            long accepted = l.rec.accepted.get();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %,d | %s | %s | %s |%n", l.store, l.shape,
                    l.phase.equals("open loop") ? "open loop, " + l.threads + " threads" : l.phase, accepted,
                    l.bytesWritten < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", l.bytesWritten / 1e6),
                    l.bytesWritten < 0 || accepted == 0 ? "n/a" : fmt((double) l.bytesWritten / accepted),
                    l.walBytes < 0 || accepted == 0 ? "–" : fmt((double) l.walBytes / accepted));
        }
        System.out.println();
        System.out.println("¹ ledgered batches/s: the store does not count its commits (one commit per ledgered batch, "
                + "see below).");
        for (var n : notes) {
            System.out.println("- " + n);
        }
        for (var l : lines) {
            if (!l.background.isEmpty()) {
                System.out.println("- " + l.store + ", " + l.shape + ", " + l.phase + " phase: " + l.background);
            }
        }
        targets(lines);
    }

    /** The targets, checked on these figures. */
    private static void targets(List<Line> lines) {
        for (var l : lines) {
            if (l.phase.equals("open loop") && l.store.startsWith("Derby") && l.shape.endsWith("x3")) {
                var pg = lines.stream().filter(o -> o.phase.equals("open loop") && !o.store.startsWith("Derby")
                        && o.threads == l.threads && o.shape.equals(l.shape)).findFirst();
                System.out.printf(Locale.ROOT, "- target Derby >= 5,000 batches/s of 3 readings with p99 <= 50 ms "
                        + "(%d threads): %s batches/s, p99 %s ms: %s%s%n", l.threads, fmt(l.batchesPerSec()),
                        ms(l.rec.submit.quantileMillis(0.99)), l.batchesPerSec() >= 5000
                                && l.rec.submit.quantileMillis(0.99) <= 50 ? "met" : "NOT met",
                        pg.map(p -> String.format(Locale.ROOT, "; vs PostgreSQL %.1fx (target >= 2x)",
                                l.batchesPerSec() / p.batchesPerSec())).orElse(""));
            }
            if ((l.phase.equals("verify") || l.phase.equals("export"))) {
                baseline(lines, l).ifPresent(b -> System.out.printf(Locale.ROOT, "- target %s, %s, %s phase: "
                        + "throughput %+.0f %% vs baseline (target: drop < 20 %%): %s; no submit waits for the reader: "
                        + "max submit %s ms (baseline %s ms), p99 %s ms (baseline %s ms), missed slots %,d (baseline "
                        + "%,d)%s%n", l.store, l.shape, l.phase, 100.0 * (l.readingsPerSec() / b.readingsPerSec() - 1),
                        l.readingsPerSec() >= 0.8 * b.readingsPerSec() ? "met" : "NOT met", ms(l.rec.submit.maxMillis()),
                        ms(b.rec.submit.maxMillis()), ms(l.rec.submit.quantileMillis(0.99)),
                        ms(b.rec.submit.quantileMillis(0.99)), l.rec.missedSlots.get(), b.rec.missedSlots.get(),
                        b.rec.missedSlots.get() > 0 ? " (the baseline already missed slots: the store did not keep up "
                                + "with the load alone, so the comparison understates the reader's cost)" : ""));
            }
        }
    }

    private static Optional<Line> baseline(List<Line> lines, Line l) {
        return lines.stream().filter(o -> o.phase.equals("baseline") && o.store.equals(l.store)
                && o.shape.equals(l.shape) && !l.phase.equals("open loop")).findFirst();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v);
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.1f", v);
    }
}
