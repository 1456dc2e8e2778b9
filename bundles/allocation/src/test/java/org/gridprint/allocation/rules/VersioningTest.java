package org.gridprint.allocation.rules;

import static org.gridprint.allocation.rules.Fixture.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.gridprint.api.allocation.AllocationEvents;
import org.junit.jupiter.api.Test;

class VersioningTest {

    private static Fixture site() {
        // C 10 kWh in hour 0 and in hour 24 (the next day)
        return new Fixture().meter("C", null, "").hour("C", 0, "10").hour("C", 24, "10")
                .rule("c", "method", "fixed", "pool", "C", "shares", "Finance:40, Operations:60");
    }

    @Test
    void aRuleChangeKeepsTheStoredPeriodAndARecalculationMakesVersionTwo() {
        var f = site();
        var day1 = f.allocate(24);
        assertEquals(1, day1.version());
        assertEquals(1, day1.ruleVersion());
        assertEquals(4000, share(day1, "Finance").energyWh());
        assertEquals(1, f.events.size());
        var e = f.events.get(0);
        assertEquals(Topics.ALLOCATIONS_COMPUTED, e.getTopic());
        assertEquals("s", e.getProperty(AllocationEvents.SITE));
        assertEquals("department", e.getProperty(AllocationEvents.DIMENSION));
        assertEquals(1, e.getProperty(AllocationEvents.VERSION));
        assertEquals(Fixture.T0.toEpochMilli(), e.getProperty(EventKeys.FROM));

        // the rule changes to 50:50
        f.service().setRules(List.of(RuleConfiguration.of(RuleFields.PID + "~c", java.util.Map.of("site", "s",
                "method", "fixed", "pool", "C", "shares", "Finance:50, Operations:50"))));
        var again = f.allocate(24);
        assertEquals(1, again.version(), "a stored period is returned as stored");
        assertEquals(1, again.ruleVersion());
        assertEquals(4000, share(again, "Finance").energyWh());
        assertEquals(day1.ruleRef(), again.ruleRef());
        assertEquals(2, again.windows().size(), "its windows computed again with rule version 1");
        assertEquals(4_000_000_000L, Fixture.windowEnergy(again, "Finance"));
        assertEquals(1, f.events.size(), "nothing computed, nothing posted");

        // a new period is computed with the new rule version
        var day2 = f.service().allocate(new org.gridprint.api.allocation.AllocationRequest("s", "department",
                Fixture.T0.plusSeconds(86_400), Fixture.T0.plusSeconds(2 * 86_400), java.time.ZoneOffset.UTC, false,
                ""));
        assertEquals(1, day2.version());
        assertEquals(2, day2.ruleVersion());
        assertEquals(5000, share(day2, "Finance").energyWh());

        // the old period recalculated on purpose: version 2, with the new rules and the reason
        var ex = assertThrows(IllegalArgumentException.class, () -> f.service().allocate(Fixture.request(24, true, "")));
        assertTrue(ex.getMessage().contains("needs a reason"), ex.getMessage());
        var recalculated = f.service().allocate(Fixture.request(24, true, "shares agreed 50:50 from November"));
        assertEquals(2, recalculated.version());
        assertEquals(2, recalculated.ruleVersion());
        assertEquals(5000, share(recalculated, "Finance").energyWh());
        var history = f.register.history(StoredAllocation.REGISTER, StoredAllocation.key("s", "department", Fixture.T0,
                Fixture.T0.plusSeconds(86_400)));
        assertEquals(2, history.size());
        assertEquals("computed", history.get(0).reason());
        assertEquals("shares agreed 50:50 from November", history.get(1).reason());
        assertTrue(history.get(0).text().contains("share.0001.energyWh=4000"), history.get(0).text());
        // the fixture's windows: factor ref 7 (both methods), no instrument (nothing covered)
        assertTrue(history.get(0).text().contains("sources.locationFactorRefs=7\n"), history.get(0).text());
        assertTrue(history.get(0).text().contains("sources.instrumentRefs=\n"), history.get(0).text());
        assertEquals(2, f.register.history(RuleSet.REGISTER, "s/department").size());
        assertEquals(2, f.events.get(f.events.size() - 1).getProperty(AllocationEvents.VERSION));

        // and the recalculated period is what is returned from now on
        assertEquals(2, f.allocate(24).version());
    }

    @Test
    void changedWindowsAfterStoringKeepTheStoredSharesWithoutWindows() {
        var f = site();
        f.allocate(24);
        f.hour("C", 0, "12"); // the carbon engine revised the window
        var a = f.allocate(24);
        assertEquals(4000, share(a, "Finance").energyWh());
        assertTrue(a.windows().isEmpty());
    }

    @Test
    void unknownSiteAndDimensionAreNamed() {
        var f = site();
        var e1 = assertThrows(IllegalArgumentException.class, () -> f.service().allocate(
                new org.gridprint.api.allocation.AllocationRequest("nowhere", "department", Fixture.T0,
                        Fixture.T0.plusSeconds(3600), java.time.ZoneOffset.UTC, false, "")));
        assertEquals("unknown site 'nowhere': no meter and no allocation rule names it; sites with rules: s",
                e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> f.service().allocate(
                new org.gridprint.api.allocation.AllocationRequest("s", "tenant", Fixture.T0,
                        Fixture.T0.plusSeconds(3600), java.time.ZoneOffset.UTC, false, "")));
        assertEquals("site s has no allocation rules for dimension 'tenant'; dimensions with rules: department",
                e2.getMessage());
    }

    @Test
    void aBadRuleStopsItsOwnSiteOnlyAndIsNamed() {
        var f = site().rule("bad", "method", "area", "pool", "remainder", "area", "Finance:12OO");
        var e = assertThrows(IllegalArgumentException.class, () -> f.allocate(24));
        assertTrue(e.getMessage().contains("org.gridprint.allocation.rule~bad: field 'area' = 'Finance:12OO' is not"
                + " usable; expected target:floor area in m2"), e.getMessage());
    }
}
