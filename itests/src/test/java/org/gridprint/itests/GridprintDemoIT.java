package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.AllocationRequest;
import org.gridprint.api.allocation.AllocationService;
import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.ReadingStore;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * README command one, inside the real distribution: feature:install gridprint-demo works offline (everything
 * from system/), its configurations land in etc/, and within a bounded wait every demo meter has readings and
 * CO2e, shown by gridprint:meters and gridprint:emissions.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GridprintDemoIT extends GridprintTestSupport {

    private static final List<String> DEMO_METERS = List.of("demo/hq/main", "demo/hq/ahu-1", "demo/hq/chiller-1",
            "demo/hq/lighting", "demo/hq/ahu-2", "demo/dc/facility", "demo/dc/pdu-a", "demo/plant/press-1");
    private static final ZoneId SITE_ZONE = ZoneId.of("America/New_York");
    private static final Duration DEMO_WAIT = Duration.ofSeconds(90);
    /** The demo site's windows are 1 minute long and close once a reading after their end is stored. */
    private static final Duration WINDOW_WAIT = Duration.ofSeconds(180);

    @Test
    public void demoSiteShowsReadingsAndEmissions() throws Exception {
        Instant start = Instant.now().minusSeconds(5);
        // the demo site listens where config/demo/org.gridprint.demo.cfg says: 127.0.0.1:15020
        try (var probe = new java.net.ServerSocket(15020, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            probe.setReuseAddress(true);
        } catch (java.io.IOException e) {
            throw new AssertionError("port 127.0.0.1:15020 of the demo site is in use (is a demo running? "
                    + "target/demo/bin/stop): " + e);
        }
        installFeatureIfMissing("gridprint-demo");
        assertActive("org.gridprint.demo");

        var etc = Path.of(System.getProperty("karaf.etc"));
        for (var cfg : List.of("org.gridprint.demo.cfg", "org.gridprint.driver.modbus.bridge-demo.cfg",
                "org.gridprint.driver.modbus-demo-main.cfg", "org.gridprint.driver.modbus-demo-ahu-1.cfg",
                "org.gridprint.driver.modbus-demo-chiller-1.cfg", "org.gridprint.driver.modbus-demo-lighting.cfg",
                "org.gridprint.carbon.site-demo.cfg", "org.gridprint.meter-demo-main.cfg",
                "org.gridprint.meter-demo-ahu-1.cfg", "org.gridprint.meter-demo-chiller-1.cfg",
                "org.gridprint.meter-demo-lighting.cfg")) {
            assertTrue(cfg + " in " + etc, Files.isRegularFile(etc.resolve(cfg)));
        }

        var readings = service(ReadingStore.class);
        var windows = service(EmissionWindowStore.class);
        for (var meter : DEMO_METERS) {
            await(meter + " has an energy reading", DEMO_WAIT,
                    () -> readings.latest(meter, Quantity.ACTIVE_ENERGY_IMPORT).isPresent());
        }
        for (var meter : DEMO_METERS) {
            await(meter + " has location- and market-based emission windows", WINDOW_WAIT, () -> List.of(
                    AccountingMethod.LOCATION_BASED, AccountingMethod.MARKET_BASED).stream().allMatch(method ->
                    windows.lastWindow(meter, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method).isPresent()));
        }

        String meters = execute("gridprint:meters");
        for (var meter : DEMO_METERS) {
            assertTrue("gridprint:meters lists " + meter + ":\n" + meters, meters.contains(meter));
        }
        assertTrue(meters, meters.contains("ONLINE"));
        String co2e = execute("gridprint:emissions --by meter");
        assertTrue(co2e, co2e.contains("demo/hq/main"));
        assertTrue(co2e, co2e.contains("Location kg CO2e") && co2e.contains("Market kg CO2e"));
        String byScope = execute("gridprint:emissions");
        assertTrue("dual reporting, Scope 1 and 3.3 beside Scope 2: " + byScope, byScope.contains("Location-based:")
                && byScope.contains("Market-based:") && byScope.contains("Scope 1"));
        String verify = execute("gridprint:verify");
        assertTrue(verify, verify.contains("ledger intact"));
        assertFalse(verify, verify.contains("BROKEN"));

        allocationFromThePolledSubmeters(windows);
    }

    /**
     * Issue 14 on the demo site: the polled submeters' windows allocated to departments (submetered, the shared
     * chiller by fan-coil runtime, common areas by floor area) with shares adding up exactly, a department's
     * cost-recovery bill, the data-center tenant's statement, the plant's jobs from live stamps, the unmetered virtual
     * meter, the audit and the tree.
     */
    private void allocationFromThePolledSubmeters(EmissionWindowStore windows) {
        await("the unmetered virtual meter has windows", WINDOW_WAIT, () -> windows.lastWindow("demo/hq/unmetered",
                Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, AccountingMethod.LOCATION_BASED).isPresent());
        var today = LocalDate.now(SITE_ZONE);
        var from = today.atStartOfDay(SITE_ZONE).toInstant();
        var to = today.plusDays(1).atStartOfDay(SITE_ZONE).toInstant();
        var allocation = service(AllocationService.class).allocate(new AllocationRequest("demo-hq", "department", from,
                to, SITE_ZONE, false, ""));
        var byTarget = new java.util.TreeMap<String, AllocationShare>();
        allocation.shares().forEach(sh -> byTarget.put(sh.target(), sh));
        assertTrue("departments of the demo: " + byTarget.keySet(), byTarget.keySet().containsAll(
                List.of("Finance", "Operations", "Production", "Data Center")));
        assertEquals("energy shares add up to the whole to the Wh", allocation.totalEnergyWh(),
                allocation.shares().stream().mapToLong(AllocationShare::energyWh).sum());
        assertEquals("location-based shares add up to the gram", allocation.totalLocationCo2eGrams(),
                allocation.shares().stream().mapToLong(AllocationShare::locationCo2eGrams).sum());
        assertEquals("market-based shares add up to the gram", allocation.totalMarketCo2eGrams(),
                allocation.shares().stream().mapToLong(AllocationShare::marketCo2eGrams).sum());
        assertTrue("Finance has AHU-1 and its part of the chiller: " + byTarget, byTarget.get("Finance").energyWh() > 0);
        assertTrue("Operations has AHU-2, lighting and the chiller: " + byTarget,
                byTarget.get("Operations").energyWh() > 0);

        var month = YearMonth.now(SITE_ZONE).toString();
        String allocate = execute("gridprint:allocate --site demo-hq --dimension department --period " + today);
        assertTrue(allocate, allocate.contains("Finance") && allocate.contains("Operations"));
        String bills = execute("gridprint:bills --site demo-hq --dimension department --period " + month);
        assertTrue(bills, bills.contains("Finance") && bills.contains("USD"));
        String statement = execute("gridprint:statement --tenant \"Northwind Cloud\" --site demo-dc --period " + month);
        assertTrue(statement, statement.contains("Northwind Cloud") && statement.contains("PUE"));
        await("the plant's job stamps arrive", DEMO_WAIT,
                () -> execute("gridprint:jobs --period " + today).contains("press-1/"));
        String audit = execute("gridprint:audit --site demo-hq --period " + today);
        assertTrue(audit, audit.contains("demo/hq/main"));
        String tree = execute("gridprint:tree --site demo-hq --period " + today);
        assertTrue(tree, tree.contains("demo/hq/ahu-2") && tree.contains("demo/dc/pdu-a"));
    }
}
