package org.gridprint.carbon.ghost;

import java.time.Instant;
import java.util.Optional;

/** One configured static asset's ghost-load estimation (bundle-private service). */
public interface GhostLoad {

    /** The asset as configured, empty while its configuration is invalid. */
    Optional<Asset> asset();

    /** Windows are computed up to here (exclusive), empty before the first run. */
    Optional<Instant> computedUntil();

    /** Computes the closed windows due at {@code now} (bounded); returns how many windows were stored. */
    int runOnce(Instant now);
}
