package org.gridprint.api.carbon;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Scope 1 from fuel bills entered by an operator: each bill is validated, kept in the ledgered register
 * {@code fuel-bill} (key {@code <site>/<reference>}) and spread pro rata by time over UTC-hour windows of its period,
 * exactly, priced with the catalog's fuel factor for the site's GWP set and stored as SCOPE_1 DIRECT windows of
 * meter {@code bill:<site>/<reference>} (quality ESTIMATED: a bill spread over time is an allocation).
 *
 * @since 1.2.0
 */
@ProviderType
public interface FuelBillService {

    /** What an entry did to the register. */
    enum Change {
        /** A new bill reference: version 1. */
        ADDED,
        /** The same content as the current version: nothing changed (its windows are checked again). */
        UNCHANGED,
        /** A different content under a known reference: the next version, its windows recomputed as new versions. */
        CORRECTED
    }

    /**
     * The outcome of {@link #enter}.
     *
     * @param bill            the bill as stored
     * @param change          what happened in the register
     * @param windowsAdded    windows stored for the first time
     * @param windowsRevised  windows stored as a new version (a correction; windows the corrected period no longer
     *                        covers become 0)
     * @param windowsUnchanged windows with the same content as stored
     * @param warnings        e.g. a fuel meter of the same site and fuel with Scope 1 windows in the period
     *                        (double-counting risk); the bill is stored anyway
     */
    record Result(FuelBillRecord bill, Change change, int windowsAdded, int windowsRevised, int windowsUnchanged,
            List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Validates and stores a bill, then computes and stores its windows.
     *
     * @param reason why (required for a correction of a stored bill; a new bill defaults to {@code fuel bill entered})
     * @throws IllegalArgumentException bad input, naming the field, the value and what is expected (all problems)
     * @throws IllegalStateException    no factor for the fuel, or a store that cannot take writes
     */
    Result enter(FuelBill bill, String reason);

    /** The current version of every bill (of one site; empty: all sites), by site and reference. */
    List<FuelBillRecord> bills(String siteId);

    /** The current version of one bill. */
    Optional<FuelBillRecord> bill(String siteId, String reference);

    /** Every version of one bill, oldest first (empty if unknown). */
    List<FuelBillRecord> history(String siteId, String reference);
}
