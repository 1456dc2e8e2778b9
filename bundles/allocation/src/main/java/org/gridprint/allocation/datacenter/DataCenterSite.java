package org.gridprint.allocation.datacenter;

import java.util.Optional;

/** One configured data center (a factory configuration of {@value DataCenterConfigParser#PID}). */
public interface DataCenterSite {

    /** The configuration's id, also when it could not be parsed (then the PID and its name). */
    String id();

    /** The parsed configuration, empty when it has an error. */
    Optional<DataCenterDefinition> definition();

    /** The configuration error (naming PID, field, value and what is expected), empty when it parsed. */
    String error();
}
