package org.gridprint.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Reading;

/**
 * Checks one reading before storage. Each reason names the meter, the quantity, the timestamp, what was
 * found and what was expected. Pure: the caller passes the clock's "now".
 */
final class ReadingValidator {

    /** Longest meter id or source the store keeps (its VARCHAR(512) columns), as for a declared meter id. */
    static final int MAX_TEXT_LENGTH = MeterConfigValidator.MAX_ID_LENGTH;
    static final String SOURCE_EXPECTED = "a non-blank source of at most " + MAX_TEXT_LENGTH
            + " characters without control characters (e.g. modbus/panel-3)";

    private final MeterRegistry meters;
    private final Duration maxFutureSkew;
    private final Instant earliest;

    ReadingValidator(MeterRegistry meters, IngestSettings settings) {
        this.meters = meters;
        this.maxFutureSkew = settings.maxFutureSkew();
        this.earliest = settings.earliestTimestamp();
    }

    /** Empty if the reading may be stored, otherwise why not. */
    Optional<String> check(Reading r, Instant now) {
        if (Double.isNaN(r.value())) {
            return reason(r, "value is NaN; expected a finite number");
        }
        if (Double.isInfinite(r.value())) {
            return reason(r, "value is " + r.value() + "; expected a finite number");
        }
        if (meters.meter(r.meterId()).isEmpty()) {
            return reason(r, "unknown meter id '" + r.meterId() + "'; expected a meter declared by a configuration "
                    + "with factory PID " + MeterConfigImpl.FACTORY_PID + " (etc/" + MeterConfigImpl.FACTORY_PID
                    + "-<name>.cfg)");
        }
        var badSource = sourceProblem(r.source());
        if (badSource.isPresent()) {
            return reason(r, "source " + badSource.get() + "; expected " + SOURCE_EXPECTED);
        }
        if (r.timestamp().isBefore(earliest)) {
            return reason(r, "timestamp is before " + earliest + "; expected at or after " + earliest + " ("
                    + IngestServiceImpl.PID + " earliestTimestamp)");
        }
        if (r.timestamp().isAfter(latest(now))) {
            // Duration holds any span between two Instants; only toMillis() could overflow, so use seconds
            var ahead = Duration.between(now, r.timestamp());
            return reason(r, "timestamp is " + (ahead.getSeconds() + ahead.toMillisPart() / 1000.0)
                    + " s ahead of the clock (" + now + "); expected at most " + maxFutureSkew.toSeconds()
                    + " s in the future (" + IngestServiceImpl.PID + " maxFutureSkewSeconds)");
        }
        if (r.quantity().cumulative() && r.value() < 0) {
            return reason(r, "negative value " + r.value() + " " + r.quantity().canonicalUnit()
                    + " of a cumulative quantity; expected a counter value >= 0");
        }
        return Optional.empty();
    }

    /** now + skew, saturated at {@link Instant#MAX}. */
    private Instant latest(Instant now) {
        return Instant.MAX.minus(maxFutureSkew).isBefore(now) ? Instant.MAX : now.plus(maxFutureSkew);
    }

    /**
     * What is wrong with a source name (blank, longer than {@link #MAX_TEXT_LENGTH}, a control character such
     * as TAB or LF that would make the canonical ledger line ambiguous), or empty if it is usable.
     */
    static Optional<String> sourceProblem(String source) {
        if (source.isBlank()) {
            return Optional.of("'" + source + "' is blank");
        }
        if (source.length() > MAX_TEXT_LENGTH) {
            return Optional.of("'" + source.substring(0, 40) + "...' has " + source.length() + " characters");
        }
        for (int i = 0; i < source.length(); i++) {
            if (Character.isISOControl(source.charAt(i))) {
                return Optional.of("'" + source.replaceAll("\\p{Cntrl}", "?") + "' contains the control character U+"
                        + String.format("%04X", (int) source.charAt(i)) + " at index " + i);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> reason(Reading r, String what) {
        return Optional.of("meter " + r.meterId() + " " + r.quantity() + " at " + r.timestamp() + ": " + what);
    }
}
