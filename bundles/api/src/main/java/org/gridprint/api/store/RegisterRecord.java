package org.gridprint.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of one record of a {@link RecordRegister}.
 *
 * @param ref        unique, stable, > 0: what windows reference (e.g. {@code EmissionWindow.factorRef})
 * @param version    1, 2, ... per (register, key)
 * @param reason     why this version was written ("initial", "factor corrected by EPA rev2", ...)
 * @param recordedAt when the store recorded it
 * @since 1.2.0
 */
public record RegisterRecord(long ref, String register, String key, int version, String text, String reason,
        Instant recordedAt) {
    public RegisterRecord {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
