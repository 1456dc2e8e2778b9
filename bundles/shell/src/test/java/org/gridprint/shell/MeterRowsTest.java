package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Meter;
import org.gridprint.api.MeterPattern;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;
import org.junit.jupiter.api.Test;

class MeterRowsTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void rowsJoinDevicesAndLatestReadings() {
        var meters = List.of(Meter.of("hq/ahu-1", "hq"), Meter.of("hq/ahu-2", "hq"), Meter.of("hq/pdu-1", "hq"),
                Meter.of("site2/main", "s2"));
        var devices = List.of(
                new DeviceHealth("panel-3", "modbus", DeviceState.ONLINE, Optional.of(NOW.minusSeconds(5)),
                        Optional.empty(), Optional.empty(), List.of("hq/ahu-1", "hq/ahu-2"), 1200),
                new DeviceHealth("pdu-gw", "modbus", DeviceState.ERROR, Optional.of(NOW.minusSeconds(600)),
                        Optional.of(NOW.minusSeconds(20)), Optional.of("connection refused 127.0.0.1:1502"),
                        List.of("hq/pdu-1"), 40));
        Map<String, Reading> store = new HashMap<>();
        store.put("hq/ahu-1/" + Quantity.ACTIVE_ENERGY_IMPORT,
                Reading.good("hq/ahu-1", Quantity.ACTIVE_ENERGY_IMPORT, NOW.minusSeconds(12), 1234.5, "modbus/panel-3"));
        store.put("hq/ahu-2/" + Quantity.ACTIVE_POWER,
                Reading.good("hq/ahu-2", Quantity.ACTIVE_POWER, NOW.minusSeconds(30), 4.25, "modbus/panel-3"));
        store.put("hq/ahu-2/" + Quantity.VOLTAGE,
                Reading.good("hq/ahu-2", Quantity.VOLTAGE, NOW.minusSeconds(90), 230, "modbus/panel-3"));
        MeterRows.LatestLookup latest = (id, q) -> Optional.ofNullable(store.get(id + "/" + q));

        var rows = MeterRows.build(meters, MeterPattern.anyOf(List.of("hq/*")), devices, latest, NOW);
        assertEquals(3, rows.size(), "the glob drops site2/main");
        assertEquals(new MeterRows.Row("hq/ahu-1", "hq", "panel-3", "ONLINE", "ACTIVE_ENERGY_IMPORT", "1234.5 kWh",
                "12s", "-"), rows.get(0));
        assertEquals(new MeterRows.Row("hq/ahu-2", "hq", "panel-3", "ONLINE", "ACTIVE_POWER", "4.25 kW", "30s", "-"),
                rows.get(1), "without an energy reading the newest of any quantity is shown");
        assertEquals(new MeterRows.Row("hq/pdu-1", "hq", "pdu-gw", "ERROR", "-", "-", "-",
                "connection refused 127.0.0.1:1502 (20s ago)"), rows.get(2));
    }

    @Test
    void withoutStoreOrDevicesEverythingElseIsADash() {
        var rows = MeterRows.build(List.of(Meter.of("m", "")), id -> true, List.of(), null, NOW);
        assertEquals(List.of(new MeterRows.Row("m", "-", "-", "-", "-", "-", "-", "-")), rows);
    }
}
