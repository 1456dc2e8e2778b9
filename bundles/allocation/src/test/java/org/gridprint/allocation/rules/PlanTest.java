package org.gridprint.allocation.rules;

import static org.gridprint.allocation.rules.Fixture.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.AllocationShare;
import org.junit.jupiter.api.Test;

/** Which meters count where: nothing twice, overlaps refused by name. */
class PlanTest {

    @Test
    void aTaggedMeterBelowATaggedMeterIsInsideItAndNotCountedTwice() {
        // M 10; P (Finance) 6 contains Q (Operations) 2: P counts 6 for Finance, Q is inside P; remainder 4.
        var f = new Fixture().meter("M", null, "").meter("P", "M", "Finance").meter("Q", "P", "Operations")
                .hour("M", 0, "10").hour("P", 0, "6").hour("Q", 0, "2")
                .rule("sub", "method", "submeter");
        var a = f.allocate(1);
        assertEquals(6000, share(a, "Finance").energyWh());
        assertEquals(4000, share(a, AllocationShare.UNALLOCATED).energyWh());
        assertEquals(10000, a.totalEnergyWh());
        assertTrue(a.shares().stream().noneMatch(s -> s.target().equals("Operations")));
    }

    @Test
    void tagKeysAndTenantsAreDimensions() {
        var f = new Fixture().meter("M", null, "")
                .meter(new Meter("A", "A", Fixture.SITE, "", "", "", "", "Acme", List.of("costcentre=CC-1"),
                        Optional.of("M"), 0))
                .meter(new Meter("B", "B", Fixture.SITE, "", "", "", "", "Beta", List.of("costcentre:CC-2"),
                        Optional.of("M"), 0))
                .hour("M", 0, "5").hour("A", 0, "1").hour("B", 0, "3")
                .rule("cc", "method", "submeter", "dimension", "costcentre")
                .rule("t", "method", "submeter", "dimension", "tenant");
        var cc = f.service().allocate(new org.gridprint.api.allocation.AllocationRequest(Fixture.SITE, "costcentre",
                Fixture.T0, Fixture.T0.plusSeconds(3600), java.time.ZoneOffset.UTC, false, ""));
        assertEquals(1000, share(cc, "CC-1").energyWh());
        assertEquals(3000, share(cc, "CC-2").energyWh());
        var t = f.service().allocate(new org.gridprint.api.allocation.AllocationRequest(Fixture.SITE, "tenant",
                Fixture.T0, Fixture.T0.plusSeconds(3600), java.time.ZoneOffset.UTC, false, ""));
        assertEquals(3000, share(t, "Beta").energyWh());
    }

    @Test
    void poolsThatContainEachOtherAreRefusedByName() {
        var f = new Fixture().meter("M", null, "").meter("C", "M", "").meter("P", "C", "")
                .rule("a", "method", "fixed", "pool", "C", "shares", "F:1")
                .rule("b", "method", "fixed", "pool", "P", "shares", "F:1");
        var e = assertThrows(IllegalArgumentException.class, () -> f.allocate(1));
        assertEquals("allocation rules of s/department: pool meter P lies below pool meter C (its energy is inside it"
                + " and would count twice); expected pools that do not contain each other", e.getMessage());
    }

    @Test
    void aTaggedSubmeterContainingAPlantMeterIsRefused() {
        var f = new Fixture().meter("M", null, "").meter("Panel", "M", "Finance").meter("C", "Panel", "")
                .rule("sub", "method", "submeter")
                .rule("c", "method", "fixed", "pool", "C", "shares", "F:1");
        var e = assertThrows(IllegalArgumentException.class, () -> f.allocate(1));
        assertTrue(e.getMessage().startsWith("allocation rule 'tagged' of s/department: tagged submeter Panel"
                + " (department Finance) contains pool meter C"), e.getMessage());
    }

    @Test
    void unknownPoolAndRuntimeMetersAreNamed() {
        var f = new Fixture().meter("M", null, "")
                .rule("c", "method", "fixed", "pool", "X", "shares", "F:1");
        assertEquals("allocation rule 'X' of s/department: pool meter X is not a declared meter of site s; expected a"
                + " meter id of the site", assertThrows(IllegalArgumentException.class, () -> f.allocate(1))
                        .getMessage());
        var g = new Fixture().meter("M", null, "")
                .rule("c", "method", "runtime", "pool", "M", "runtime", "F:fcu-9");
        assertEquals("allocation rule 'M' of s/department: runtime meter fcu-9 (target F) is not a declared meter;"
                + " expected an org.gridprint.meter id", assertThrows(IllegalArgumentException.class,
                        () -> g.allocate(1)).getMessage());
    }
}
