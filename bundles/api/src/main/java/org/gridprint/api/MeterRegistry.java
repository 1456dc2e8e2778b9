package org.gridprint.api;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Collection;
import java.util.Optional;

/** The meters the operator declared (one configuration each). Readings for other ids are rejected. */
@ProviderType
public interface MeterRegistry {

    Optional<Meter> meter(String id);

    /** All meters, sorted by id. */
    Collection<Meter> meters();
}
