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

    private final MeterRegistry meters;
    private final Duration maxFutureSkew;

    ReadingValidator(MeterRegistry meters, Duration maxFutureSkew) {
        this.meters = meters;
        this.maxFutureSkew = maxFutureSkew;
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
        var latest = now.plus(maxFutureSkew);
        if (r.timestamp().isAfter(latest)) {
            var ahead = Duration.between(now, r.timestamp());
            return reason(r, "timestamp is " + ahead.toMillis() / 1000.0 + " s ahead of the clock (" + now
                    + "); expected at most " + maxFutureSkew.toSeconds() + " s in the future ("
                    + IngestServiceImpl.PID + " maxFutureSkewSeconds)");
        }
        if (r.quantity().cumulative() && r.value() < 0) {
            return reason(r, "negative value " + r.value() + " " + r.quantity().canonicalUnit()
                    + " of a cumulative quantity; expected a counter value >= 0");
        }
        return Optional.empty();
    }

    private static Optional<String> reason(Reading r, String what) {
        return Optional.of("meter " + r.meterId() + " " + r.quantity() + " at " + r.timestamp() + ": " + what);
    }
}
