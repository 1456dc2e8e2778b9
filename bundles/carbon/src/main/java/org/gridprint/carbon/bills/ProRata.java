package org.gridprint.carbon.bills;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact pro-rata split of an integer amount over the aligned windows a period touches: the amount booked up to a
 * boundary {@code b} is {@code HALF_EVEN(total × (b − from) / (to − from))} (nanosecond time, exact rational), and a
 * window gets the difference of the booked amounts at its two ends (clipped to the period). The shares telescope:
 * they add up to {@code total} exactly, whatever the period.
 */
final class ProRata {

    /** One window's share. */
    record Share(Instant start, Instant end, long amountNano) {
    }

    private ProRata() {
    }

    static List<Share> split(long totalNano, Instant from, Instant to, long windowMs) {
        var out = new ArrayList<Share>();
        var span = nanos(to).subtract(nanos(from));
        var total = BigDecimal.valueOf(totalNano);
        long start = Math.floorDiv(from.toEpochMilli(), windowMs) * windowMs;
        long booked = 0;
        while (Instant.ofEpochMilli(start).isBefore(to)) {
            var windowEnd = Instant.ofEpochMilli(start + windowMs);
            long upTo;
            if (!windowEnd.isBefore(to)) {
                upTo = totalNano;
            } else {
                var elapsed = nanos(windowEnd).subtract(nanos(from));
                upTo = total.multiply(new BigDecimal(elapsed)).divide(new BigDecimal(span), 0, RoundingMode.HALF_EVEN)
                        .longValueExact();
            }
            out.add(new Share(Instant.ofEpochMilli(start), windowEnd, upTo - booked));
            booked = upTo;
            start += windowMs;
        }
        return out;
    }

    private static BigInteger nanos(Instant t) {
        return BigInteger.valueOf(t.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(t.getNano()));
    }
}
