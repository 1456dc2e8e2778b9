/**
 * Contract-following in-memory fakes for pure-logic tests of the carbon bundle (owner: engine):
 * {@link org.gridprint.carbon.testkit.FakeWindowStore}, {@link org.gridprint.carbon.testkit.FakeRecordRegister},
 * {@link org.gridprint.carbon.testkit.FakeIntensityStore}, {@link org.gridprint.carbon.testkit.FakeFactorCatalog},
 * {@link org.gridprint.carbon.testkit.FakeIntensityService}, {@link org.gridprint.carbon.testkit.FakeReadings},
 * {@link org.gridprint.carbon.testkit.FakeMeters}, {@link org.gridprint.carbon.testkit.RecordingEventAdmin},
 * {@link org.gridprint.carbon.testkit.MutableClock}. The real stores are tested by store-contract.
 */
package org.gridprint.carbon.testkit;
