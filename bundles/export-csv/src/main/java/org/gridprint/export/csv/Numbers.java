package org.gridprint.export.csv;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.gridprint.api.carbon.ShortestDecimal;

/** Locale-independent formats of the export. */
final class Numbers {

    /** ISO-8601 UTC with milliseconds, fixed width: {@code 2026-03-01T00:15:00.000Z}. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Numbers() {
    }

    /**
     * The decimal with the fewest significant digits (at most 17) that reads back as exactly {@code value}:
     * lossless, so recomputation from the printed value is recomputation from the stored value, and the same for
     * every Java version ({@code Double.toString} changed in Java 19), so the same data give the same bytes.
     * The carbon bundle does its decimal arithmetic on the same decimals.
     */
    static BigDecimal decimal(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(what + " is " + value + "; a stored value must be a finite number");
        }
        return ShortestDecimal.of(value);
    }

    static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    /** Grams as kilograms: the decimal point moved three places, exact. */
    static BigDecimal kilograms(double grams, String what) {
        return decimal(grams, what).movePointLeft(3);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
