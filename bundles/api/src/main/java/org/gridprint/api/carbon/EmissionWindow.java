package org.gridprint.api.carbon;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;

/**
 * One accounting window of one meter, quantity, scope and method: the energy (or fuel) that fell into
 * {@code [start, end)}, split pro rata by time overlap from the meter's counter intervals, and its CO2e.
 * Amounts are exact integers so that the windows of a run of intervals add up to the counter difference exactly.
 *
 * @param meterId        the meter (or static asset, for {@link WindowFlag#GHOST_LOAD})
 * @param siteId         the site the window was computed for
 * @param quantity       ACTIVE_ENERGY_IMPORT, FUEL_VOLUME, ...
 * @param start          window start (inclusive), aligned to the window length
 * @param end            window end (exclusive)
 * @param amountNano     amount in 10^-9 of the quantity's canonical unit (kWh: nano-kWh = µWh; m3: nano-m³), >= 0
 * @param co2eMicrograms the window's CO2e in micrograms, >= 0
 * @param factorRef      the factor version applied (a {@link org.gridprint.api.store.RecordRegister} ref of register
 *                       {@code factor}), 0 when none (e.g. a window excluded before pricing)
 * @param instrumentRef  market-based: the instrument (register {@code instrument}) covering {@code coveredNano}, else 0
 * @param coveredNano    market-based: the part of {@code amountNano} covered by the instrument, else 0
 * @param quality        worst quality of the readings behind the window
 * @param flags          what the window carries
 * @param firstReading   the earliest counter reading used (at or before {@code start})
 * @param lastReading    the latest counter reading used (at or after {@code end}, or the last one held)
 * @param version        1 for the first computation; the store assigns it
 * @param computedAt     when this version was computed (not part of the content comparison)
 * @since 1.2.0
 */
public record EmissionWindow(String meterId, String siteId, Quantity quantity, Scope scope, AccountingMethod method,
        Instant start, Instant end, long amountNano, long co2eMicrograms, long factorRef, long instrumentRef,
        long coveredNano, Quality quality, Set<WindowFlag> flags, Instant firstReading, Instant lastReading,
        int version, Instant computedAt) {

    public EmissionWindow {
        Objects.requireNonNull(meterId, "meterId");
        siteId = siteId == null ? "" : siteId;
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(firstReading, "firstReading");
        Objects.requireNonNull(lastReading, "lastReading");
        Objects.requireNonNull(computedAt, "computedAt");
        flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window of " + meterId + " must end after it starts: " + start + " .. " + end);
        }
        if (amountNano < 0 || co2eMicrograms < 0 || coveredNano < 0 || coveredNano > amountNano) {
            throw new IllegalArgumentException("window of " + meterId + " at " + start + ": amounts must be >= 0 and"
                    + " covered <= amount, were amount " + amountNano + ", co2e " + co2eMicrograms + ", covered "
                    + coveredNano);
        }
    }

    /** The idempotency key: (meter, quantity, scope, method, start). */
    public WindowKey key() {
        return new WindowKey(meterId, quantity, scope, method, start);
    }

    /** Counted in inventory totals: not a SUSPECT_SPIKE, or accepted by an operator. */
    public boolean counted() {
        return !flags.contains(WindowFlag.SUSPECT_SPIKE) || flags.contains(WindowFlag.ACCEPTED);
    }

    /** Same content apart from version and computedAt: a recomputation that changed nothing. */
    public boolean sameContent(EmissionWindow o) {
        return meterId.equals(o.meterId) && siteId.equals(o.siteId) && quantity == o.quantity && scope == o.scope
                && method == o.method && start.equals(o.start) && end.equals(o.end) && amountNano == o.amountNano
                && co2eMicrograms == o.co2eMicrograms && factorRef == o.factorRef && instrumentRef == o.instrumentRef
                && coveredNano == o.coveredNano && quality == o.quality && flags.equals(o.flags)
                && firstReading.equals(o.firstReading) && lastReading.equals(o.lastReading);
    }

    /** This window as the given stored version. */
    public EmissionWindow withVersion(int newVersion, Instant newComputedAt) {
        return new EmissionWindow(meterId, siteId, quantity, scope, method, start, end, amountNano, co2eMicrograms,
                factorRef, instrumentRef, coveredNano, quality, flags, firstReading, lastReading, newVersion,
                newComputedAt);
    }

    /** Amount in the canonical unit (display only; sums use {@link #amountNano()}). */
    public double amount() {
        return amountNano / 1e9;
    }

    /** CO2e in kilograms (display only; sums use {@link #co2eMicrograms()}). */
    public double kgCo2e() {
        return co2eMicrograms / 1e9;
    }
}
