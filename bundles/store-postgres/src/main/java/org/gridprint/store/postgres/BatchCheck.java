package org.gridprint.store.postgres;

import java.util.List;

import org.gridprint.api.Reading;

/**
 * What the store refuses before a batch reaches the writer: readings it cannot hold. The whole batch fails with an
 * {@link IllegalStateException} naming the reading; nothing is stored. Ingest rejects such readings beforehand.
 */
final class BatchCheck {

    private BatchCheck() {
    }

    static void check(String source, List<Reading> readings) {
        if (source == null || source.indexOf('\0') >= 0) {
            throw new IllegalStateException("PostgreSQL store: the batch source " + (source == null ? "is missing"
                    : "contains the NUL character, which PostgreSQL text cannot hold") + "; nothing was stored");
        }
        for (int i = 0; i < readings.size(); i++) {
            var r = readings.get(i);
            if (r == null) {
                throw new IllegalStateException("PostgreSQL store: reading #" + i + " of the batch from " + source
                        + " is null; nothing was stored");
            }
            try {
                r.timestamp().toEpochMilli();
            } catch (ArithmeticException e) {
                throw new IllegalStateException("PostgreSQL store: reading #" + i + " (" + r.meterId() + ", "
                        + r.quantity() + ", " + r.timestamp() + "): timestamp outside the epoch-millisecond range; "
                        + "nothing was stored");
            }
            if (r.meterId().indexOf('\0') >= 0 || r.source().indexOf('\0') >= 0) {
                throw new IllegalStateException("PostgreSQL store: reading #" + i + " ("
                        + r.meterId().replace('\0', '?') + ", " + r.quantity() + ", " + r.timestamp()
                        + "): meter id or source contains the NUL character, which PostgreSQL text cannot hold; "
                        + "nothing was stored");
            }
        }
    }
}
