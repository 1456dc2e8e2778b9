package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.Objects;

/**
 * One compared window of one parent in a differential audit.
 *
 * @param start        the window's start
 * @param parentNano   parent side, nano-kWh
 * @param childrenNano children side, nano-kWh
 * @param over         the remainder exceeded the site's threshold (either sign)
 */
public record AuditWindow(Instant start, long parentNano, long childrenNano, boolean over) {

    public AuditWindow {
        Objects.requireNonNull(start, "start");
    }

    /** Parent minus children, nano-kWh. */
    public long unmeteredNano() {
        return parentNano - childrenNano;
    }
}
