package org.gridprint.export.csv;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import org.gridprint.api.Quantity;
import org.gridprint.api.store.HeldSpan;
import org.gridprint.api.store.ReadingStore;

/**
 * The span of readings a store holds: {@link ReadingStore#heldSpan()}, or, from a store that does not tell (its
 * default answers empty) while it holds readings, found through {@code latest} and {@code latestBefore} of the
 * selected meters' series: a bounded number of look-ups (one per quantity, then at most {@value #MAX_PROBES} per
 * series that holds readings), never a walk over the period.
 */
final class HeldSpans {

    static final int MAX_PROBES = 64;

    /** Earliest instant looked for: no reading before it is expected (about 1200 AD). */
    private static final long EARLIEST = -24_000_000_000_000L;

    private HeldSpans() {
    }

    static Optional<HeldSpan> of(ReadingStore store, Collection<String> meterIds) {
        var span = store.heldSpan();
        if (span.isPresent() || store.readingCount() == 0) {
            return span;
        }
        Instant first = null;
        Instant last = null;
        for (var meter : meterIds) {
            for (var quantity : Quantity.values()) {
                var latest = store.latest(meter, quantity);
                if (latest.isEmpty()) {
                    continue;
                }
                var newest = latest.get().timestamp();
                var oldest = oldest(store, meter, quantity, newest);
                first = first == null || oldest.isBefore(first) ? oldest : first;
                last = last == null || newest.isAfter(last) ? newest : last;
            }
        }
        return first == null ? Optional.empty() : Optional.of(new HeldSpan(first, last));
    }

    /** The oldest reading's time of a series whose newest is {@code newest}: a binary search on latestBefore. */
    private static Instant oldest(ReadingStore store, String meter, Quantity quantity, Instant newest) {
        long lo = EARLIEST; // no reading before lo (assumed, checked below)
        long hi = newest.toEpochMilli() + 1; // a reading before hi exists
        if (store.latestBefore(meter, quantity, Instant.ofEpochMilli(lo)).isPresent()) {
            return Instant.ofEpochMilli(lo);
        }
        for (var probes = 0; hi - lo > 1 && probes < MAX_PROBES; probes++) {
            var mid = lo + (hi - lo) / 2;
            if (store.latestBefore(meter, quantity, Instant.ofEpochMilli(mid)).isPresent()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Instant.ofEpochMilli(hi - 1);
    }
}
