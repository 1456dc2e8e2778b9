package org.gridprint.ledger;

import java.util.Objects;

import org.gridprint.api.carbon.EmissionWindow;

/**
 * One window version as a block row holds it: the window, the ledger entry that wrote this version, and the 16-bit
 * window check (see {@link WindowBlockCodec#check}) that lets verify name a changed window inside a block.
 *
 * @param window  the window (its version and computedAt as stored)
 * @param entryId the WINDOWS entry that wrote this version (> 0)
 * @param check   the check stored with it (0..65535); {@link #of} computes it, a decoded block keeps what it read
 */
public record StoredWindow(EmissionWindow window, long entryId, int check) {

    public StoredWindow {
        Objects.requireNonNull(window, "window");
        if (entryId < 1) {
            throw new IllegalArgumentException("window " + window.key() + " must name its entry (>= 1), was " + entryId);
        }
        if (check < 0 || check > 0xFFFF) {
            throw new IllegalArgumentException("window check must be 0..65535, was " + check);
        }
    }

    /** A window version written by {@code entryId}, with its check computed. */
    public static StoredWindow of(EmissionWindow window, long entryId) {
        return new StoredWindow(window, entryId, WindowBlockCodec.check(window));
    }

    /** Whether the stored check matches the window's canonical line. */
    public boolean checkMatches() {
        return check == WindowBlockCodec.check(window);
    }
}
