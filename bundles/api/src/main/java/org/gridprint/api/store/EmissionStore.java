package org.gridprint.api.store;

import org.osgi.annotation.versioning.ProviderType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;

/** Stored emission records. Idempotent on (meter, interval start, method). */
@ProviderType
public interface EmissionStore {

    /** Stores records not yet stored; returns how many were new. */
    int store(List<EmissionRecord> records);

    /**
     * Records whose interval ends after {@code from} and starts before {@code to}, ordered by meter then start.
     *
     * @param meterIds the meters, or empty for all
     */
    List<EmissionRecord> emissions(Collection<String> meterIds, Instant from, Instant to);

    /** End of the newest stored interval of a meter for a method. */
    Optional<Instant> lastIntervalEnd(String meterId, AccountingMethod method);
}
