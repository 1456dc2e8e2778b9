package org.gridprint.api.carbon;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The effective-dated factor catalog: shipped data (eGRID 2022 and 2023rev2 subregion, state and US rates, grid
 * gross loss, stationary-combustion fuels, GWP sets) and the operator's own factors from etc/.
 *
 * @since 1.2.0
 */
@ProviderType
public interface FactorCatalog {

    /** Every catalog factor whose id, region, edition or source contains {@code filter} (empty: all), by id. */
    List<FactorVersion> factors(String filter);

    /** One factor by id. */
    Optional<FactorVersion> factor(String id);

    /** The factor a window references, by its register ref (catalog or intensity-derived). */
    Optional<FactorVersion> byRef(long ref);

    /**
     * A factor chosen for consumption at {@code at} from a series (an id without edition, e.g.
     * {@code egrid/subregion/CAMX/co2e}, {@code egrid/state/CA/co2e}, {@code egrid/us/US/co2e},
     * {@code egrid/subregion/CAMX/loss}, {@code fuel/natural_gas/m3}, {@code operator/<name>}) by the policy: the
     * edition for the consumption year, else the latest published (then {@code latestPublished}); CO2e of fuels
     * computed with {@code gwpSet}. The factor is registered, so {@code ref} is what a window references.
     */
    Optional<Selection> select(String series, Instant at, String gwpSet);

    /** A chosen factor, its register ref, and whether the policy fell back to the latest published edition. */
    record Selection(FactorVersion factor, long ref, boolean latestPublished) {
    }

    /** Registers a factor version (e.g. one derived from an intensity value) and returns its ref; idempotent. */
    long register(FactorVersion factor);

    /** The policy text: which edition applies to which consumption year, and the fallback. */
    String policy();
}
