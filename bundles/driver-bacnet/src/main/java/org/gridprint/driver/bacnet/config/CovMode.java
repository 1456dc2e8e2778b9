package org.gridprint.driver.bacnet.config;

import java.util.Locale;
import java.util.Optional;

/** Whether a device's points are subscribed with SubscribeCOV, and with which notifications. */
public enum CovMode {
    /** Polled only. */
    NONE,
    /** Unconfirmed COV notifications (no acknowledgement; a lost datagram is caught by the renewal). */
    UNCONFIRMED,
    /** Confirmed COV notifications (acknowledged by Gridprint). */
    CONFIRMED;

    public static Optional<CovMode> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
