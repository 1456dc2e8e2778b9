/**
 * Implementations of the {@code org.gridprint.api.driver} contracts, for every driver bundle to use instead of
 * copies: {@link WallClockPollScheduler}, {@link BoundedRetryBuffer}, {@link WindowedHealthTracker},
 * {@link EventAlarmConditions}, {@link Backoff} and the slot arithmetic {@link PollSlots}. Plain Java (no OSGi
 * services), so they work in unit tests as they do in Karaf. Semantically versioned like the api.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gridprint.driver.toolkit;
