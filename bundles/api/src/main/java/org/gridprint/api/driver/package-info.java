/**
 * The driver toolkit contracts every protocol driver reuses: the wall-clock {@link PollScheduler}, the bounded
 * {@link RetryBuffer} for batches {@code IngestService} refused, the {@link HealthTracker} and
 * {@link AlarmConditions} (alarm hygiene: one alarm when a condition starts, one when it clears, counts in
 * between). The implementations are in bundle {@code org.gridprint.driver.toolkit}, package
 * {@code org.gridprint.driver.toolkit}. Semantically versioned: a minor bump adds, a major bump breaks.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gridprint.api.driver;
