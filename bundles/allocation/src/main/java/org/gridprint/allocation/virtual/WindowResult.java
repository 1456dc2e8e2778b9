package org.gridprint.allocation.virtual;

import java.util.List;

import org.gridprint.api.carbon.EmissionWindow;

/** What a formula gives for one window start, scope and method. */
public sealed interface WindowResult {

    /** A window to store. {@code clamped} names what was clamped (CO2e or covered part), empty if nothing. */
    record Computed(EmissionWindow window, String clamped) implements WindowResult {
    }

    /** An input window is missing (or excluded, or on another window grid): the result is missing, never zero. */
    record Missing(List<String> inputs) implements WindowResult {
        public Missing {
            inputs = List.copyOf(inputs);
        }
    }

    /** The energy came out negative: not stored (a window's amount is >= 0); an audit finding. */
    record Negative(long amountNano) implements WindowResult {
    }
}
