package org.gridprint.edge.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.edge.OutboxPolicy;
import org.gridprint.api.edge.OutboxStatus;
import org.gridprint.edge.ForwardStatus;
import org.junit.jupiter.api.Test;

class OutboxCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");

    @Test
    void showsDepthOldestAgeLastAckRateInFlightCapacityPolicyAndDropped() {
        var outbox = new OutboxStatus(true, 5_000_000, OutboxPolicy.DROP_OLDEST, 123, 12_300,
                Optional.of(NOW.minusSeconds(150)), 42, 0);
        var status = new ForwardStatus("plant-7", "tcp://127.0.0.1:1883", outbox, false, 2,
                Optional.of(NOW.minusSeconds(30)), 1205, 812.5, 130, 4, 64_500, 2000, 3, 9, "connection refused");
        var bytes = new ByteArrayOutputStream();
        OutboxCommand.print(status, NOW, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        // --no-format: the field column padded, then a tab; compare without the padding
        var out = bytes.toString(StandardCharsets.UTF_8).replaceAll(" +\t", "\t");
        assertTrue(out.contains("Depth\t12300 readings in 123 entries"), out);
        assertTrue(out.contains("Oldest item age\t2 min"), out); // 150 s, whole minutes from 120 s on
        assertTrue(out.contains("Capacity\t5000000 readings"), out);
        assertTrue(out.contains("Policy\tdrop-oldest"), out);
        assertTrue(out.contains("Dropped\t42 readings"), out);
        assertTrue(out.contains("Last ack\t2026-12-06T14:59:30Z (30 s ago), sequence 1205"), out);
        assertTrue(out.contains("Forward rate\t812.5 readings/s"), out);
        assertTrue(out.contains("In flight\t2 batches"), out);
        assertTrue(out.contains("(DOWN), 9 connection attempts"), out);
        assertTrue(out.contains("central: 2000 duplicates, 3 refused"), out);
    }

    @Test
    void agesReadAsAnOperatorWouldSayThem() {
        assertEquals("59 s", OutboxCommand.age(Duration.ofSeconds(59)));
        assertEquals("5 min", OutboxCommand.age(Duration.ofSeconds(330)));
        assertEquals("3 h 25 min", OutboxCommand.age(Duration.ofMinutes(205)));
    }
}
