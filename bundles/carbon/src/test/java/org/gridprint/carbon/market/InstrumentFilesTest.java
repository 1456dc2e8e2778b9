package org.gridprint.carbon.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.carbon.market.fakes.MemoryRegister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class InstrumentFilesTest {

    @TempDir
    Path dir;

    @Test
    void rowsAreRegisteredOnceAndEveryBadRowIsNamedByFileLineAndField() throws Exception {
        var register = new MemoryRegister();
        var service = new InstrumentServiceImpl(register);
        var events = new ArrayList<Event>();
        var files = new InstrumentFilesImpl(service, dir, new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        });
        var file = dir.resolve("recs-2026.csv");
        Files.write(file, List.of(
                "# RECs retired for the demo site",
                "id,type,mwh,vintageFrom,vintageTo,market,trackingSystem,retirementId,site,gramsPerKwh,source",
                "WREGIS-2026-0001,REC,120,2026-01-01,2026-12-31,US,WREGIS,RET-1,hq,0,\"Green-e wind, Wyoming\"",
                "WREGIS-2026-0002,REC,12,5,2026-01-01,2026-12-31,US,WREGIS,RET-2,hq,0,x",
                "WREGIS-2026-0003,REC,10,2026-01-01,2026-13-01,US,WREGIS,RET-3,hq,0,x",
                "WREGIS-2026-0004,REC,10,2026-01-01,2026-12-31,US,WREGIS,,hq,0,x",
                "",
                "PPA-7,ppa,50.5,2026-01-01,2026-12-31,US,,,hq,12.5,PPA with wind farm"), StandardCharsets.UTF_8);
        var scan = files.scan();
        assertEquals(1, scan.filesRead());
        assertEquals(2, scan.rowsRegistered());
        assertEquals(List.of("PPA-7", "WREGIS-2026-0001"), service.instruments().stream().map(i -> i.id()).toList());
        assertEquals("Green-e wind, Wyoming", service.instruments().get(1).source());
        assertEquals(new BigDecimal("50.5"), service.remainingMwh("PPA-7"));
        var problems = scan.problems();
        assertEquals(3, problems.size(), problems.toString());
        // line 4 has a decimal comma: one field too many
        assertTrue(problems.get(0).startsWith("recs-2026.csv line 4: has 12 fields but the header names 11"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("recs-2026.csv line 5 (instrument 'WREGIS-2026-0003'): vintageTo ="
                + " '2026-13-01' is not a date"), problems.get(1));
        assertTrue(problems.get(2).startsWith("recs-2026.csv line 6: instrument 'WREGIS-2026-0004': retirementId is"
                + " empty"), problems.get(2));
        assertEquals(3, events.size());
        assertEquals("gridprint/alarms/CONFIG_ERROR", events.get(0).getTopic());

        // unchanged file: not read again; changed file: read again, held rows change nothing, alarms not repeated
        assertEquals(0, files.scan().filesRead());
        int puts = register.puts;
        Files.writeString(file, Files.readString(file) + "\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        var again = files.scan();
        assertEquals(1, again.filesRead());
        assertEquals(puts, register.puts);
        assertEquals(3, events.size());
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedAsAWhole() throws Exception {
        var service = new InstrumentServiceImpl(new MemoryRegister());
        Files.write(dir.resolve("bad.csv"), List.of("id,type,mwh,market", "X,REC,1,US"), StandardCharsets.UTF_8);
        Files.write(dir.resolve("notes.txt"), List.of("not an instrument file"), StandardCharsets.UTF_8);
        var scan = new InstrumentFilesImpl(service, dir, null).scan();
        assertEquals(1, scan.filesRead());
        assertTrue(scan.problems().get(0).startsWith("bad.csv line 1: the header lacks column 'vintagefrom'"),
                scan.problems().toString());
        assertTrue(service.instruments().isEmpty());
    }
}
