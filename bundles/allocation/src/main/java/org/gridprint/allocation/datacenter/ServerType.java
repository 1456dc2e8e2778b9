package org.gridprint.allocation.datacenter;

import java.util.Optional;

import org.gridprint.api.allocation.ServerPowerModel;

/** One configured server type (a factory configuration of {@value ServerTypeParser#PID}). */
public interface ServerType {

    String id();

    /** The power model, empty when the configuration has an error. */
    Optional<ServerPowerModel> model();

    /** The configuration error, empty when it parsed. */
    String error();
}
