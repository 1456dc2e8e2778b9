package org.gridprint.store.derby;

import org.gridprint.api.Reading;

/** An accepted reading of the batch being appended: its series, its canonical row and its source id. */
record PendingReading(Series series, Reading reading, Canonical.Row row, int sourceId) {
}
