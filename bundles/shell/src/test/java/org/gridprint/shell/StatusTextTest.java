package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.IngestStatistics;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static DeviceHealth device(String id, DeviceState state, Optional<String> error) {
        return new DeviceHealth(id, "modbus", state, Optional.of(NOW.minusSeconds(5)),
                error.map(e -> NOW.minusSeconds(20)), error, List.of(), 10);
    }

    private static <T> Probe<T> answer(T value) {
        return new Probe.Answer<>(value);
    }

    @Test
    void everythingAvailable() {
        var status = new StatusText.Status(
                answer(new IngestStatistics(1234, 120_000, 3, 1, 2, 0, Optional.of(NOW.minusSeconds(2)))),
                answer(1_293_600L),
                answer(Optional.of(new LedgerEntry(4312, NOW.minusSeconds(65), 300, "0".repeat(64),
                        "5d41c2e0a7b3f9d8e6c4b2a0f1e3d5c7b9a8f6e4d2c0b1a3f5e7d9c8b6a4f2e0"))),
                answer(2),
                answer(List.of(device("panel-0", DeviceState.ONLINE, Optional.empty()),
                        device("panel-3", DeviceState.ONLINE, Optional.empty()),
                        device("pdu-gw", DeviceState.ERROR, Optional.of("connection refused 127.0.0.1:1502")),
                        device("panel-4", DeviceState.ONLINE, Optional.empty()),
                        device("roof", DeviceState.CONFIG_ERROR, Optional.of("org.gridprint.driver.modbus~roof: "
                                + "field 'port' = '99999'; expected 1..65535")),
                        device("spare", DeviceState.STARTING, Optional.empty()))));

        assertEquals(List.of(
                "Gridprint status at 2026-11-25T10:00:00Z",
                "Ingest:      1234 batches (last 2026-11-25T09:59:58Z (2s ago)); readings 120000 accepted, 3 duplicates,"
                        + " 1 conflicts, 2 invalid; 0 store failures",
                "Readings:    1293600 stored",
                "Ledger head: batch #4312 5d41c2e0a7b3…, committed 2026-11-25T09:58:55Z (1m05s ago)",
                "Quarantine:  2 quarantined conflicts (gridprint:quarantine)",
                "Devices:     1 STARTING, 3 ONLINE, 1 ERROR, 1 CONFIG_ERROR",
                "  pdu-gw (modbus) ERROR: connection refused 127.0.0.1:1502 (20s ago)",
                "  roof (modbus) CONFIG_ERROR: org.gridprint.driver.modbus~roof: field 'port' = '99999'; expected 1..65535"
                        + " (20s ago)",
                "  spare (modbus) STARTING: no error recorded"), StatusText.lines(status, NOW));
    }

    @Test
    void everyMissingServiceHasItsOwnLine() {
        var status = new StatusText.Status(Probe.ask(null, Messages.NO_INGEST, s -> IngestStatistics.none()),
                Probe.ask(null, Messages.NO_STORE, s -> 0L), Probe.ask(null, Messages.NO_LEDGER, s -> Optional.empty()),
                Probe.ask(null, Messages.NO_STORE, s -> 0), Probe.<Object, List<DeviceHealth>>ask(new Object(),
                        "no bundle context", s -> {
                            throw new IllegalStateException("bundle stopped");
                        }));

        assertEquals(List.of(
                "Gridprint status at 2026-11-25T10:00:00Z",
                "Ingest:      not available: " + Messages.NO_INGEST,
                "Readings:    not available: " + Messages.NO_STORE,
                "Ledger head: not available: " + Messages.NO_LEDGER,
                "Quarantine:  not available: " + Messages.NO_STORE,
                "Devices:     not available: failed: java.lang.IllegalStateException: bundle stopped"),
                StatusText.lines(status, NOW));
    }

    @Test
    void emptyAndFullParts() {
        var status = new StatusText.Status(answer(IngestStatistics.none()), answer(0L), answer(Optional.empty()),
                answer(StatusText.QUARANTINE_PROBE), answer(List.of()));

        var lines = StatusText.lines(status, NOW);

        assertEquals("Ingest:      0 batches (none yet); readings 0 accepted, 0 duplicates, 0 conflicts, 0 invalid;"
                + " 0 store failures", lines.get(1));
        assertEquals("Ledger head: no batch yet", lines.get(3));
        assertEquals("Quarantine:  ≥ 1000 quarantined conflicts (gridprint:quarantine)", lines.get(4));
        assertEquals("Devices:     none (no driver bundle running, or no device configured)", lines.get(5));
        assertEquals("Quarantine:  no quarantined conflicts",
                StatusText.lines(new StatusText.Status(answer(IngestStatistics.none()), answer(0L),
                        answer(Optional.empty()), answer(0), answer(List.of())), NOW).get(4));
    }
}
