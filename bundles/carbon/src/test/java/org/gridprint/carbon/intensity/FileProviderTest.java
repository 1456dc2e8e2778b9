package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.carbon.IntensitySignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file provider: CSV and JSON series; errors name the file, the line or entry, the field and the value. */
class FileProviderTest {

    @TempDir
    Path dir;

    private Fixtures fixtures(Path file) {
        var f = new Fixtures(Instant.parse("2026-12-06T12:00:00Z"));
        f.add(ProviderKind.FILE, "id", "f", "site", "hq", "path", file.toString(), "region", "CAMX");
        return f;
    }

    @Test
    void jsonSeriesWithSignals() throws Exception {
        var file = dir.resolve("series.json");
        Files.writeString(file, """
                {"points":[
                 {"start":"2026-12-06T00:00:00Z","end":"2026-12-06T01:00:00Z","value":226.5,"unit":"kg/MWh"},
                 {"start":"2026-12-06T00:00:00Z","end":"2026-12-06T01:00:00Z","value":900,"unit":"lb/MWh","signal":"MARGINAL"},
                 {"start":"2026-12-06T13:00:00Z","end":"2026-12-06T14:00:00Z","value":210,"unit":"g/kWh","signal":"FORECAST"}
                ]}""");
        var f = fixtures(file);
        var r = f.service.pollNow("f");
        assertEquals(Optional.empty(), r.error());
        assertEquals(3, r.stored());
        assertEquals(0, f.service.pollNow("f").stored(), "an unchanged file stores nothing");
        var v = f.service.averageFor("hq", Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("2026-12-06T01:00:00Z"))
                .orElseThrow();
        assertEquals(0, v.gramsPerUnit().compareTo(new BigDecimal("226.5")), "the average, never the marginal 900");
        assertEquals(1, f.store.intensity("f", "CAMX", IntensitySignal.MARGINAL, Instant.EPOCH,
                Instant.parse("2027-01-01T00:00:00Z")).size());
        assertEquals(1, f.store.forecast("f", "CAMX", IntensitySignal.AVERAGE, Instant.EPOCH,
                Instant.parse("2027-01-01T00:00:00Z")).size());
    }

    @Test
    void csvErrorsNameFileLineFieldAndValue() throws Exception {
        var file = dir.resolve("bad.csv");
        Files.writeString(file, """
                start,end,value,unit
                2026-12-06T00:00:00Z,2026-12-06T01:00:00Z,100,g/kWh
                2026-12-06T01:00:00Z,2026-12-06T02:00:00Z,12
                """);
        var f = fixtures(file);
        var e = f.service.pollNow("f").error().orElseThrow();
        assertTrue(e.contains(file.toString()) && e.contains("line 3") && e.contains("3 fields; expected start,end,value,unit[,signal]"), e);

        Files.writeString(file, "2026-12-06T00:00:00Z,2026-12-06T01:00:00Z,abc,g/kWh\n");
        e = f.service.pollNow("f").error().orElseThrow();
        assertTrue(e.contains("line 1: field value 'abc' is not a number"), e);

        Files.writeString(file, "2026-12-06T00:00:00Z,2026-12-06T01:00:00Z,1,mg/Wh\n");
        e = f.service.pollNow("f").error().orElseThrow();
        assertTrue(e.contains("field unit 'mg/Wh' is unknown"), e);

        Files.writeString(file, "2026-12-06 00:00,2026-12-06T01:00:00Z,1,g/kWh\n");
        e = f.service.pollNow("f").error().orElseThrow();
        assertTrue(e.contains("field start '2026-12-06 00:00' is not a time"), e);

        Files.writeString(file, "2026-12-06T01:00:00Z,2026-12-06T01:00:00Z,1,g/kWh\n");
        e = f.service.pollNow("f").error().orElseThrow();
        assertTrue(e.contains("field end '2026-12-06T01:00:00Z' is not after start"), e);

        Files.delete(file);
        e = f.service.pollNow("f").error().orElseThrow();
        assertTrue(e.contains(file + " of provider 'f'") && e.contains("does not exist"), e);
        assertEquals(1, f.events.topic("gridprint/alarms/CONFIG_ERROR").size(), "a file problem: one CONFIG_ERROR");
        assertEquals(0, f.store.size());
    }

    @Test
    void jsonErrorsNameTheEntry() throws Exception {
        var file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"start\":\"2026-12-06T00:00:00Z\",\"end\":\"2026-12-06T01:00:00Z\",\"value\":1,"
                + "\"unit\":\"g/kWh\"},{\"start\":\"2026-12-06T01:00:00Z\",\"end\":\"2026-12-06T02:00:00Z\","
                + "\"unit\":\"g/kWh\"}]");
        var f = fixtures(file);
        var e = f.service.pollNow("f").error().orElseThrow();
        assertTrue(e.contains("entry 2: field value '' is not a number"), e);
        Files.writeString(file, "[{\"start\": ");
        e = f.service.pollNow("f").error().orElseThrow();
        assertTrue(e.contains("is not valid JSON (line 1"), e);
    }
}
