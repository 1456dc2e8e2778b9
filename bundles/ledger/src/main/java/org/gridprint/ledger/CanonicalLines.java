package org.gridprint.ledger;

import java.util.HexFormat;
import java.util.stream.Collectors;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.EmissionRecord;

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
}
