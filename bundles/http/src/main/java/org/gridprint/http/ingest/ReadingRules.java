package org.gridprint.http.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;

/**
 * The rules one reading's fields follow, whatever the body format: a meter id, a quantity, a unit convertible to
 * the quantity's canonical unit (absent: the canonical unit), an ISO-8601 timestamp not more than
 * {@code maxFutureSeconds} ahead, a finite value, an optional quality. Units are converted with the api's
 * {@link Unit#toCanonical(double)} (the conversion every driver uses).
 */
final class ReadingRules {

    static final String TIMESTAMP_EXPECTED = "an ISO-8601 time with zone such as 2026-03-01T10:15:00Z";
    static final int MAX_METER_CHARS = 200;

    private ReadingRules() {
    }

    static String meter(String text) throws FieldRefusal {
        if (text == null || text.isBlank()) {
            throw new FieldRefusal("meter", FieldRefusal.shown(text), "a non-empty meter id");
        }
        var t = text.trim();
        if (t.length() > MAX_METER_CHARS || t.chars().anyMatch(Character::isISOControl)) {
            throw new FieldRefusal("meter", FieldRefusal.shown(t), "a meter id of at most " + MAX_METER_CHARS
                    + " characters without control characters");
        }
        return t;
    }

    static Quantity quantity(String text) throws FieldRefusal {
        return Quantity.parse(text).orElseThrow(() -> new FieldRefusal("quantity", FieldRefusal.shown(text),
                "one of " + Quantity.names()));
    }

    /** The factor to canonical: 1 for an absent unit or the canonical symbol itself (h, %), else the unit's. */
    static Unit unit(String text, Quantity quantity) throws FieldRefusal {
        if (text == null || text.isBlank() || text.trim().equals(quantity.canonicalUnit())) {
            return null;
        }
        var unit = Unit.parse(text).orElseThrow(() -> new FieldRefusal("unit", FieldRefusal.shown(text),
                "a unit symbol such as kWh, Wh, MWh, kW, W, V, A, m3, L, therm (canonical for " + quantity.name()
                        + ": " + quantity.canonicalUnit() + ")"));
        if (!quantity.accepts(unit)) {
            throw new FieldRefusal("unit", FieldRefusal.shown(text), "a unit convertible to "
                    + quantity.canonicalUnit() + " for " + quantity.name());
        }
        return unit;
    }

    static Instant timestamp(String text, Instant latest) throws FieldRefusal {
        if (text == null || text.isBlank()) {
            throw new FieldRefusal("timestamp", FieldRefusal.shown(text), TIMESTAMP_EXPECTED);
        }
        Instant t;
        try {
            t = Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                t = OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new FieldRefusal("timestamp", FieldRefusal.shown(text), TIMESTAMP_EXPECTED);
            }
        }
        if (t.isAfter(latest)) {
            throw new FieldRefusal("timestamp", FieldRefusal.shown(text), "a time at most "
                    + "maxFutureSeconds ahead of the server clock (not after " + latest + ")");
        }
        return t;
    }

    static double value(double raw, String shown, Unit unit) throws FieldRefusal {
        var v = unit == null ? raw : unit.toCanonical(raw);
        if (!Double.isFinite(v)) {
            throw new FieldRefusal("value", FieldRefusal.shown(shown), "a finite number");
        }
        return v;
    }

    static Quality quality(String text) throws FieldRefusal {
        if (text == null || text.isBlank()) {
            return Quality.GOOD;
        }
        try {
            return Quality.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldRefusal("quality", FieldRefusal.shown(text), "GOOD, ESTIMATED, SUSPECT or BAD");
        }
    }

    /** "item 3 (meter hq/b1): " or "line 4 (meter hq/b1): ". */
    static String where(int index, int line, String meter) {
        return (line > 0 ? "line " + line : "item " + index) + (meter == null || meter.isEmpty() ? ""
                : " (meter " + meter + ")") + ": ";
    }
}
