package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a utility bill (register {@code utility-bill}, key {@code site/account/from}).
 *
 * @param ref     the {@link org.gridprint.api.store.RecordRegister} ref of this version
 * @param version 1 as first entered, +1 per correction
 * @param reason  why this version was written (a correction's reason)
 */
public record UtilityBillRecord(UtilityBill bill, String key, long ref, int version, String reason,
        Instant recordedAt) {

    public UtilityBillRecord {
        Objects.requireNonNull(bill, "bill");
        Objects.requireNonNull(key, "key");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
