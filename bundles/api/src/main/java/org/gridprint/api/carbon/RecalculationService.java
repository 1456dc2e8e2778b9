package org.gridprint.api.carbon;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Recomputes the windows of a period from stored readings, factors and intensity values (never the network):
 * deterministic, and the earlier results stay stored as versions with their reason.
 *
 * @since 1.2.0
 */
@ProviderType
public interface RecalculationService {

    /** Result of a recalculation. */
    record Result(long windowsChecked, long windowsRevised, long windowsAdded, long metersDone,
            Optional<String> problem) {
    }

    /**
     * Recomputes windows starting in {@code [from, to)}, of one site if given.
     *
     * @param reason required, recorded with every revised window
     */
    Result recalculate(Instant from, Instant to, Optional<String> siteId, String reason);
}
