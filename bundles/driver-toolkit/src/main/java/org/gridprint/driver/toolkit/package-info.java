/**
 * Implementations of the {@code org.gridprint.api.driver} contracts, for every driver bundle to use instead of
 * copies: {@link WallClockPollScheduler}, {@link BoundedRetryBuffer}, {@link WindowedHealthTracker},
 * {@link EventAlarmConditions}, {@link Backoff} and the slot arithmetic {@link PollSlots}; since 1.1.0 the status
 * bookkeeping of a polled device ({@link DeviceLifecycle}), the device-id claims of a driver ({@link DeviceIds}),
 * the undeclared-meter check ({@link UndeclaredMeters}), the Device service registration ({@link DeviceServices})
 * and alarm posting on EventAdmin ({@link AlarmEvents}). Plain Java (no OSGi services of their own), so they work in
 * unit tests as they do in Karaf. Semantically versioned like the api.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.gridprint.driver.toolkit;
