package org.gridprint.ledger;

import java.util.HexFormat;
import java.util.stream.Collectors;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.RegisterRecord;

/**
 * The canonical lines of ledger entries (docs/ledger-spec.md): one UTF-8 line per stored fact, tab-separated,
 * LF-terminated, text fields escaped with {@link Escape#escape}, doubles as the 16 lower-case hex digits of their raw
 * IEEE-754 bits, instants as epoch milliseconds.
 */
public final class CanonicalLines {

    private static final HexFormat HEX = HexFormat.of();

    private CanonicalLines() {
    }

    /** 16 lower-case hex digits of {@code Double.doubleToRawLongBits(value)}. */
    public static String bits(double value) {
        return HEX.toHexDigits(Double.doubleToRawLongBits(value));
    }

    /** An accepted reading: {@code R meter QUANTITY ts valueBits QUALITY source}. */
    public static String reading(String meterId, Quantity quantity, long tsMillis, double value, Quality quality,
            String source) {
        return new StringBuilder(96).append("R\t").append(Escape.escape(meterId)).append('\t').append(quantity.name())
                .append('\t').append(tsMillis).append('\t').append(bits(value)).append('\t').append(quality.name())
                .append('\t').append(Escape.escape(source)).append('\n').toString();
    }

    public static String reading(Reading r) {
        return reading(r.meterId(), r.quantity(), r.timestamp().toEpochMilli(), r.value(), r.quality(), r.source());
    }

    /**
     * A quarantined conflict: {@code Q meter QUANTITY ts valueBits QUALITY source storedValueBits receivedAt reason}.
     */
    public static String quarantined(String meterId, Quantity quantity, long tsMillis, double value, Quality quality,
            String source, double storedValue, long receivedAtMillis, String reason) {
        return new StringBuilder(224).append("Q\t").append(Escape.escape(meterId)).append('\t')
                .append(quantity.name()).append('\t').append(tsMillis).append('\t').append(bits(value)).append('\t')
                .append(quality.name()).append('\t').append(Escape.escape(source)).append('\t')
                .append(bits(storedValue)).append('\t').append(receivedAtMillis).append('\t')
                .append(Escape.escape(reason)).append('\n').toString();
    }

    public static String quarantined(Reading r, double storedValue, long receivedAtMillis, String reason) {
        return quarantined(r.meterId(), r.quantity(), r.timestamp().toEpochMilli(), r.value(), r.quality(),
                r.source(), storedValue, receivedAtMillis, reason);
    }

    /**
     * An emission record: {@code E meter QUANTITY startMs endMs startCounterBits endCounterBits energyBits QUALITY
     * flags site SCOPE METHOD factorBits unit factorSource edition gwp region gramsBits computedAtMs}, flags being
     * the flag names sorted and joined by ',' (empty when none).
     */
    public static String emission(EmissionRecord e) {
        var i = e.interval();
        var f = e.factor();
        var flags = i.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        return new StringBuilder(320).append("E\t").append(Escape.escape(i.meterId())).append('\t')
                .append(i.quantity().name()).append('\t').append(i.start().toEpochMilli()).append('\t')
                .append(i.end().toEpochMilli()).append('\t').append(bits(i.startCounter())).append('\t')
                .append(bits(i.endCounter())).append('\t').append(bits(i.energy())).append('\t')
                .append(i.quality().name()).append('\t').append(flags).append('\t')
                .append(Escape.escape(e.siteId())).append('\t').append(f.scope().name()).append('\t')
                .append(f.method().name()).append('\t').append(bits(f.gramsCo2ePerUnit())).append('\t')
                .append(Escape.escape(f.unit())).append('\t').append(Escape.escape(f.source())).append('\t')
                .append(Escape.escape(f.edition())).append('\t').append(Escape.escape(f.gwpSet())).append('\t')
                .append(Escape.escape(f.region())).append('\t').append(bits(e.gramsCo2e())).append('\t')
                .append(e.computedAt().toEpochMilli()).append('\n').toString();
    }

    /**
     * A raw-reading entry replaced by a ROLLUP entry (retention): {@code P entryId hash readingCount}. Its header row
     * stays, so the chain still verifies as links; its readings are gone.
     */
    public static String pruned(long entryId, String hash, int readingCount) {
        return "P\t" + entryId + "\t" + hash + "\t" + readingCount + "\n";
    }

    /**
     * An hourly window of pruned readings of one series (retention): {@code W meter QUANTITY hourStart firstTs
     * firstValueBits lastTs lastValueBits count minBits maxBits sumBits}; min, max and sum folded in time order
     * with {@link Math#min}, {@link Math#max} and {@code +}.
     */
    public static String window(String meterId, Quantity quantity, long hourStartMillis, long firstTs, double first,
            long lastTs, double last, int count, double min, double max, double sum) {
        return new StringBuilder(200).append("W\t").append(Escape.escape(meterId)).append('\t')
                .append(quantity.name()).append('\t').append(hourStartMillis).append('\t').append(firstTs)
                .append('\t').append(bits(first)).append('\t').append(lastTs).append('\t').append(bits(last))
                .append('\t').append(count).append('\t').append(bits(min)).append('\t').append(bits(max))
                .append('\t').append(bits(sum)).append('\n').toString();
    }

    /**
     * One stored version of an accounting window (WINDOWS entries): {@code V meter QUANTITY SCOPE METHOD startMs endMs
     * site amountNano co2eMicrograms factorRef instrumentRef coveredNano QUALITY flags firstReadingMs lastReadingMs
     * version computedAtMs}; integers decimal, flags the {@link WindowFlag} names sorted and joined by ',' (empty when
     * none), meter and site escaped. The key comes first, so the lines of one series sort by start (13-digit epoch
     * milliseconds, 2001-09-09 .. 2286-11-20).
     */
    public static String windowVersion(EmissionWindow w) {
        return new StringBuilder(224).append("V\t").append(Escape.escape(w.meterId())).append('\t')
                .append(w.quantity().name()).append('\t').append(w.scope().name()).append('\t')
                .append(w.method().name()).append('\t').append(w.start().toEpochMilli()).append('\t')
                .append(w.end().toEpochMilli()).append('\t').append(Escape.escape(w.siteId())).append('\t')
                .append(w.amountNano()).append('\t').append(w.co2eMicrograms()).append('\t').append(w.factorRef())
                .append('\t').append(w.instrumentRef()).append('\t').append(w.coveredNano()).append('\t')
                .append(w.quality().name()).append('\t').append(windowFlags(w.flags())).append('\t')
                .append(w.firstReading().toEpochMilli()).append('\t').append(w.lastReading().toEpochMilli())
                .append('\t').append(w.version()).append('\t').append(w.computedAt().toEpochMilli()).append('\n')
                .toString();
    }

    /** Window flag names sorted ({@code String} order) and joined by ','; empty when none. */
    public static String windowFlags(java.util.Set<WindowFlag> flags) {
        if (flags.isEmpty()) {
            return "";
        }
        return flags.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** The reason of a WINDOWS entry: {@code N reason} (escaped), one per entry. */
    public static String windowsReason(String reason) {
        return "N\t" + Escape.escape(reason) + "\n";
    }

    /**
     * One version of a register record (REGISTER entries): {@code G register key version ref recordedAtMs reason
     * text}, register, key, reason and text escaped.
     */
    public static String registerRecord(RegisterRecord r) {
        return new StringBuilder(96 + r.text().length()).append("G\t").append(Escape.escape(r.register()))
                .append('\t').append(Escape.escape(r.key())).append('\t').append(r.version()).append('\t')
                .append(r.ref()).append('\t').append(r.recordedAt().toEpochMilli()).append('\t')
                .append(Escape.escape(r.reason())).append('\t').append(Escape.escape(r.text())).append('\n')
                .toString();
    }
}
