package org.gridprint.api.store;

import java.util.List;
import java.util.Optional;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowKey;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The windowed emission ledger: compactly stored accounting windows (target <= 64 bytes per meter-window-method),
 * versioned, covered by the ledger (an edited window is found by verify and named by its key), with totals computed
 * in the store.
 *
 * @since 1.2.0
 */
@ProviderType
public interface EmissionWindowStore {

    /**
     * Stores windows in one ledger entry. Per key: absent → version 1; same content as the current version (see
     * {@link EmissionWindow#sameContent}) → unchanged; different → the next version with {@code reason}, the earlier
     * one kept in {@link #history}. The given version numbers are ignored. Atomic: all or nothing.
     *
     * @param reason why (e.g. {@code computed}, {@code late reading}, {@code factor eGRID2023rev2}, an operator's text)
     * @throws IllegalStateException the store cannot take writes now (the message says why)
     */
    WindowWriteResult storeWindows(List<EmissionWindow> windows, String reason);

    /** Current versions matching the query, ordered by meter, quantity, scope, method, start. */
    List<EmissionWindow> windows(WindowQuery query);

    /** Streams current versions matching the query in the same order; returns how many were passed on. */
    long scanWindows(WindowQuery query, WindowSink sink);

    /** The current version of one window. */
    Optional<EmissionWindow> window(WindowKey key);

    /** The window with the greatest start of a meter, quantity, scope and method. */
    Optional<EmissionWindow> lastWindow(String meterId, Quantity quantity, Scope scope, AccountingMethod method);

    /** Every version of one window, oldest first (empty if none). */
    List<WindowVersion> history(WindowKey key);

    /** Totals computed by the store. */
    List<WindowTotal> totals(TotalsQuery query);

    /** Number of current windows held (all meters). */
    long windowCount();
}
