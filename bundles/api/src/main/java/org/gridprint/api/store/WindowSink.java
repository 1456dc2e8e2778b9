package org.gridprint.api.store;

import org.gridprint.api.carbon.EmissionWindow;

/**
 * Receives windows one at a time from {@link EmissionWindowStore#scanWindows}; returning false stops the scan.
 *
 * @since 1.2.0
 */
@FunctionalInterface
public interface WindowSink {
    boolean accept(EmissionWindow window);
}
