package org.gridprint.allocation.virtual;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gridprint.api.Quantity;

/**
 * A parsed virtual-meter formula: a linear combination of input meter windows, {@code Σ coefficient × input}. Every
 * formula the grammar accepts reduces to this (products and quotients of meters are refused: kWh × kWh is not kWh).
 *
 * @param text  the formula as written
 * @param terms   per input its coefficient (never zero), sorted by input
 * @param columns per input meter id the 1-based column where it first appears (for messages)
 */
public record Formula(String text, Map<Input, BigDecimal> terms, Map<String, Integer> columns) {

    /** One input: a meter's windows of one quantity. */
    public record Input(String meterId, Quantity quantity) implements Comparable<Input> {
        @Override
        public int compareTo(Input o) {
            int c = meterId.compareTo(o.meterId);
            return c != 0 ? c : quantity.compareTo(o.quantity);
        }

        @Override
        public String toString() {
            return meterId + "@" + quantity.name();
        }
    }

    public Formula {
        terms = java.util.Collections.unmodifiableMap(new TreeMap<>(terms));
        columns = Map.copyOf(columns);
    }

    /** The input meter ids, sorted. */
    public java.util.List<String> meterIds() {
        var ids = new TreeSet<String>();
        terms.keySet().forEach(i -> ids.add(i.meterId()));
        return java.util.List.copyOf(ids);
    }
}
