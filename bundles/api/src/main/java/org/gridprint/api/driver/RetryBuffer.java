package org.gridprint.api.driver;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A bounded FIFO of items (readings) that {@code IngestService.submit} did not take, resubmitted before the next
 * batch. When full, the oldest items are dropped. Thread-safe.
 */
@ProviderType
public interface RetryBuffer<T> {

    /** Adds items; returns how many of the oldest were dropped to stay within {@link #capacity()}. */
    int keep(List<T> items);

    /** The kept items, oldest first (a copy). */
    List<T> items();

    /** Forgets the kept items (they were submitted). */
    void clear();

    int size();

    int capacity();

    /** Items dropped since creation because the buffer was full. */
    long dropped();
}
