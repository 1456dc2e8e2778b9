package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.ReadingKey;
import org.junit.jupiter.api.Test;

class InBatchTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Reading r(double v) {
        return Reading.good("m", Quantity.ACTIVE_POWER, T, v, "s");
    }

    @Test
    void firstIsCandidateLaterSameIsDuplicateLaterOtherIsConflictAgainstTheFirst() {
        var out = InBatch.classify(List.of(r(1.0), r(1.0), r(2.0), r(-0.0 + 1.0)), k -> OptionalDouble.empty());
        assertInstanceOf(IngestOutcome.Accepted.class, out.get(0));
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(1));
        var c = assertInstanceOf(IngestOutcome.Conflict.class, out.get(2));
        assertEquals(1.0, c.storedValue());
        assertEquals(Reasons.conflict(r(2.0), 1.0), c.reason());
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(3));
    }

    @Test
    void zeroNegativeZeroAndNanAreDuplicates() {
        var out = InBatch.classify(List.of(r(0.0), r(-0.0)), k -> OptionalDouble.empty());
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(1));
        out = InBatch.classify(List.of(r(Double.NaN), r(Double.NaN)), k -> OptionalDouble.empty());
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(1));
        out = InBatch.classify(List.of(r(-0.0)), k -> OptionalDouble.of(0.0));
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(0));
    }

    @Test
    void laterReadingsOfAStoredKeyAreComparedWithTheStoredValueAndTheStoreIsAskedOncePerKey() {
        var asked = new HashMap<ReadingKey, Integer>();
        Map<ReadingKey, Double> stored = Map.of(r(5.0).key(), 5.0);
        var out = InBatch.classify(List.of(r(6.0), r(5.0), r(6.0)), k -> {
            asked.merge(k, 1, Integer::sum);
            return stored.containsKey(k) ? OptionalDouble.of(stored.get(k)) : OptionalDouble.empty();
        });
        assertEquals(5.0, assertInstanceOf(IngestOutcome.Conflict.class, out.get(0)).storedValue());
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(1));
        assertEquals(5.0, assertInstanceOf(IngestOutcome.Conflict.class, out.get(2)).storedValue());
        assertEquals(Map.of(r(5.0).key(), 1), asked);
    }

    @Test
    void keysDifferByMeterQuantityAndMillisecond() {
        var a = Reading.good("m", Quantity.ACTIVE_POWER, T, 1, "s");
        var b = Reading.good("m", Quantity.REACTIVE_POWER, T, 2, "s");
        var c = Reading.good("m", Quantity.ACTIVE_POWER, T.plusMillis(1), 3, "s");
        var d = Reading.good("n", Quantity.ACTIVE_POWER, T, 4, "s");
        var e = Reading.good("m", Quantity.ACTIVE_POWER, T.plusNanos(999_999), 5, "s");
        var out = InBatch.classify(List.of(a, b, c, d, e), k -> OptionalDouble.empty());
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(IngestOutcome.Accepted.class, out.get(i));
        }
        assertInstanceOf(IngestOutcome.Conflict.class, out.get(4));
    }
}
