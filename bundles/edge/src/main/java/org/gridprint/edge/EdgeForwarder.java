package org.gridprint.edge;

/** The edge forwarder of this instance (PID {@value EdgeSettings#PID}), for the console. */
public interface EdgeForwarder {

    ForwardStatus status();
}
