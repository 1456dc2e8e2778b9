package org.gridprint.mqtt;

import static org.gridprint.mqtt.Harness.M1;
import static org.gridprint.mqtt.Harness.M2;
import static org.gridprint.mqtt.MqttIngestTest.T0;
import static org.gridprint.mqtt.MqttIngestTest.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.core.IngestSettings;
import org.gridprint.core.MeterRegistryImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several prepared messages stored as ONE ingest batch (real Derby store, core ingest service): the outcomes are
 * split back per message exactly as if each message had been submitted alone.
 */
class MessageGroupTest {

    private static byte[] json(String... items) {
        return ("[" + String.join(",", items) + "]").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void threeMessagesAreOneBatchAndEachGetsItsOwnReport(@TempDir Path dir) {
        try (var h = new Harness(dir)) {
            var ingest = new MessageIngest(new PayloadParser(1 << 20), h.ingest, h.conditions, "mqtt/test");
            var first = ingest.prepare("t/a", json(item(M1, "kWh", T0, "10"), item(M2, "kWh", T0, "20")));
            // the same M1 reading again (duplicate) and a new M2 one
            var second = ingest.prepare("t/b", json(item(M1, "kWh", T0, "10"), item(M2, "Wh", T0.plusSeconds(60),
                    "2500")));
            // parser refusal (unit), another M1 value at T0 (conflict), an unknown meter (invalid by ingest)
            var third = ingest.prepare("t/c", json(item(M1, "kvarh", T0, "1"), item(M1, "kWh", T0, "11"),
                    item("hq/unknown", "kWh", T0, "5")));
            assertEquals(1, third.refused().size());

            var reports = ingest.store(List.of(first, second, third));

            assertEquals(1, h.ingest.statistics().batches(), "one ingest batch for the three messages");
            assertEquals(3, reports.size());
            assertEquals(new MessageReport("t/a", 2, 0, List.of()), reports.get(0));
            assertEquals("t/b", reports.get(1).topic());
            assertEquals(1, reports.get(1).accepted());
            assertEquals(1, reports.get(1).duplicates());
            assertTrue(reports.get(1).refused().isEmpty());
            var c = reports.get(2);
            assertEquals(0, c.accepted());
            assertEquals(0, c.duplicates());
            assertEquals(3, c.refused().size(), c.refused().toString());
            assertTrue(c.refused().get(0).contains("kvarh"), "the parser's reason first: " + c.refused());
            assertTrue(c.refused().get(1).startsWith("meter " + M1 + ": "), c.refused().toString());
            assertTrue(c.refused().get(2).startsWith("meter hq/unknown: "), c.refused().toString());
            assertEquals(3, h.store.readingCount(), "M1@T0, M2@T0, M2@T0+60s");
            assertEquals(3, ingest.accepted());
        }
    }

    @Test
    void aGroupLargerThanIngestsMaxBatchSizeIsStoredMessageByMessageAndAnOversizedMessageIsRefusedWhole(
            @TempDir Path dir) {
        try (var h = new Harness(dir)) {
            var small = new IngestServiceImpl(h.store, MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"),
                    Meter.of(M2, "hq"))), Clock.systemUTC(), h.events, new IngestSettings(Duration.ofMinutes(5), 3,
                            true));
            var ingest = new MessageIngest(new PayloadParser(1 << 20), small, h.conditions, "mqtt/test");
            var a = ingest.prepare("t/a", json(item(M1, "kWh", T0, "1"), item(M2, "kWh", T0, "2")));
            var b = ingest.prepare("t/b", json(item(M1, "kWh", T0.plusSeconds(60), "3"),
                    item(M2, "kWh", T0.plusSeconds(60), "4")));

            var reports = ingest.store(List.of(a, b)); // 4 readings > maxBatchSize 3: each message alone

            assertEquals(List.of(2L, 2L), reports.stream().map(MessageReport::accepted).toList());
            assertEquals(4, h.store.readingCount());

            var big = ingest.prepare("t/big", json(item(M1, "kWh", T0.plusSeconds(120), "5"),
                    item(M2, "kWh", T0.plusSeconds(120), "6"), item(M1, "kWh", T0.plusSeconds(180), "7"),
                    item(M2, "kWh", T0.plusSeconds(180), "8")));
            var report = ingest.store(List.of(big)).get(0);

            assertEquals(0, report.accepted());
            assertEquals(1, report.refused().size());
            assertTrue(report.refused().get(0).contains("maxBatchSize"), report.refused().toString());
            assertEquals(4, h.store.readingCount(), "nothing of the oversized message stored");
            assertTrue(h.alarms(EventKeys.RAISED).stream().anyMatch(al -> al.kind() == AlarmKind.INVALID_READING
                    && al.message().contains("t/big")), "an alarm names the topic");
        }
    }
}
