package org.gridprint.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Reading;
import org.gridprint.api.ReadingKey;

/**
 * The idempotency rule of one batch, shared by every backend. For the readings of a batch in submission order, the
 * first reading of a key (meter, quantity, timestamp millis) is the candidate: it is Accepted when the store holds
 * nothing under the key, a Duplicate when the store holds the same value ({@link ValueEquality}) and a Conflict
 * against the stored value otherwise. A later reading of the same key is compared with the value the key holds
 * after the candidate (the stored value, or the candidate's value when the candidate was accepted): the same value is
 * a Duplicate, another value a Conflict against it. Accepted values are never replaced.
 */
public final class InBatch {

    private InBatch() {
    }

    /**
     * The outcome of every reading, in the order given.
     *
     * @param stored the value the store holds under a key before this batch, empty when none; asked once per key
     */
    public static List<IngestOutcome> classify(List<Reading> readings, Function<ReadingKey, OptionalDouble> stored) {
        var held = new HashMap<ReadingKey, Double>();
        var outcomes = new ArrayList<IngestOutcome>(readings.size());
        for (var r : readings) {
            var key = r.key();
            Double value = held.get(key);
            if (value == null) {
                var s = stored.apply(key);
                if (s.isEmpty()) {
                    held.put(key, r.value());
                    outcomes.add(new IngestOutcome.Accepted(r));
                    continue;
                }
                value = s.getAsDouble();
                held.put(key, value);
            }
            outcomes.add(outcome(r, value));
        }
        return outcomes;
    }

    /** A reading whose key already holds {@code heldValue}: a Duplicate or a Conflict against it. */
    public static IngestOutcome outcome(Reading r, double heldValue) {
        return ValueEquality.same(heldValue, r.value()) ? new IngestOutcome.Duplicate(r)
                : new IngestOutcome.Conflict(r, heldValue, Reasons.conflict(r, heldValue));
    }
}
