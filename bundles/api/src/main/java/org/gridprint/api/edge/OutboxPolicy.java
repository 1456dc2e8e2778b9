package org.gridprint.api.edge;

import java.util.Locale;

/** What an outbox does when a stored batch would take it past its capacity. */
public enum OutboxPolicy {
    /**
     * Back-pressure: the batch is refused whole (not stored, an exception naming the outbox and its capacity), so the
     * driver keeps its readings in its retry buffer and submits them again once the outbox has drained.
     */
    REFUSE_NEW,
    /**
     * The oldest queued entries are dropped (never forwarded; counted, logged once per episode and recorded in the
     * ledger's register) to make room; the new batch is stored and queued.
     */
    DROP_OLDEST;

    /** The configuration spelling: {@code refuse-new}, {@code drop-oldest}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses {@code refuse-new} / {@code drop-oldest} (case-insensitive, {@code _} for {@code -}).
     *
     * @throws IllegalArgumentException naming the value and what is expected
     */
    public static OutboxPolicy parse(String text) {
        var t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (var p : values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "'; expected refuse-new or drop-oldest");
    }
}
