package org.gridprint.allocation.rules;

import java.util.Objects;

/** A meter whose per-window deltas weigh a target (a fan coil's RUNTIME hour counter, a BTU meter). */
public record MeterKey(String target, String meterId) {
    public MeterKey {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(meterId, "meterId");
    }

    String text() {
        return target + ":" + meterId;
    }
}
