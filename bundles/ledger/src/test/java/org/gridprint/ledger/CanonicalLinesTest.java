package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.EnumSet;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.Scope;
import org.junit.jupiter.api.Test;

class CanonicalLinesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void readingLine() {
        var r = Reading.good("hq/b1/ahu-2", Quantity.ACTIVE_ENERGY_IMPORT, T, 100.0, "modbus/panel-3");
        assertEquals("R\thq/b1/ahu-2\tACTIVE_ENERGY_IMPORT\t1767225600000\t4059000000000000\tGOOD\tmodbus/panel-3\n",
                CanonicalLines.reading(r));
    }

    @Test
    void negativeZeroAndNanKeepTheirRawBits() {
        assertEquals("8000000000000000", CanonicalLines.bits(-0.0));
        assertEquals("0000000000000000", CanonicalLines.bits(0.0));
        assertEquals("7ff8000000000000", CanonicalLines.bits(Double.NaN));
        assertEquals("7ff8000000000001", CanonicalLines.bits(Double.longBitsToDouble(0x7ff8000000000001L)));
    }

    @Test
    void textFieldsAreEscaped() {
        var line = CanonicalLines.reading("a\tb", Quantity.VOLTAGE, -1, 1.0, Quality.BAD, "s\\1\n");
        assertEquals("R\ta\\tb\tVOLTAGE\t-1\t3ff0000000000000\tBAD\ts\\\\1\\n\n", line);
    }

    @Test
    void quarantinedLine() {
        var r = new Reading("m1", Quantity.ACTIVE_POWER, T, 2.5, Quality.SUSPECT, "mqtt/gw");
        var reason = Reasons.conflict(r, 2.0);
        assertEquals("conflict: m1 ACTIVE_POWER at 2026-01-01T00:00:00Z is already stored with value 2.0; received 2.5"
                + " from mqtt/gw (quarantined, stored value kept)", reason);
        assertEquals("Q\tm1\tACTIVE_POWER\t1767225600000\t4004000000000000\tSUSPECT\tmqtt/gw\t4000000000000000\t"
                + "1767225601000\t" + reason + "\n", CanonicalLines.quarantined(r, 2.0, 1767225601000L, reason));
    }

    @Test
    void emissionLineHasEveryFieldInOrderWithSortedFlags() {
        var interval = new EnergyInterval("m1", Quantity.ACTIVE_ENERGY_IMPORT, T, T.plusSeconds(3600), 100.0, 112.5,
                12.5, Quality.SUSPECT, EnumSet.of(IntervalFlag.ROLLOVER, IntervalFlag.DEGRADED_INPUT));
        var factor = new EmissionFactor(400.0, "g CO2e/kWh", "Publisher X", "Edition 2024", "AR5", "grid-A",
                Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);
        var e = new EmissionRecord(interval, "hq", factor, 5000.0, T.plusSeconds(3700));
        assertEquals("E\tm1\tACTIVE_ENERGY_IMPORT\t1767225600000\t1767229200000\t4059000000000000\t405c200000000000\t"
                + "4029000000000000\tSUSPECT\tDEGRADED_INPUT,ROLLOVER\thq\tSCOPE_2\tLOCATION_BASED\t4079000000000000\t"
                + "g CO2e/kWh\tPublisher X\tEdition 2024\tAR5\tgrid-A\t40b3880000000000\t1767229300000\n",
                CanonicalLines.emission(e));
    }
}
