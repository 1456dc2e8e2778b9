package org.gridprint.allocation.rules;

import java.math.BigDecimal;
import java.util.Objects;

/** A constant key of a target: its fixed share, floor area (m2) or headcount. */
public record StaticKey(String target, BigDecimal value) {
    public StaticKey {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(value, "value");
    }

    String text() {
        return target + ":" + value.toPlainString();
    }
}
