package org.gridprint.api.store;

import org.gridprint.api.Reading;

/**
 * Receives the readings of a scan one at a time, in time order.
 *
 * @since 1.1.0
 */
@FunctionalInterface
public interface ReadingSink {

    /** Takes one reading; returns false to stop the scan (e.g. when the caller was cancelled). */
    boolean accept(Reading reading);
}
