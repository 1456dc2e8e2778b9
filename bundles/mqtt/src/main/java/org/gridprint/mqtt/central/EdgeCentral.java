package org.gridprint.mqtt.central;

/** The central's receiver of edge batches (one per instance, PID {@value CentralSettings#PID}). */
public interface EdgeCentral {

    CentralStatus status();
}
