package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadLogTest {

    @TempDir
    Path dir;

    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);
    private static final String H3 = "3".repeat(64);

    @Test
    void appendsLinesThatSurviveReopen() throws Exception {
        var file = dir.resolve(HeadLog.FILE_NAME);
        try (var log = HeadLog.open(file)) {
            assertTrue(log.last().isEmpty());
            log.append(1, H1);
            log.append(3, H3);
        }
        var text = Files.readAllLines(file);
        assertEquals(2, text.size());
        assertTrue(text.get(0).startsWith("1 " + H1 + " "));
        try (var log = HeadLog.open(file)) {
            assertEquals(3, log.last().orElseThrow().entryId());
            assertEquals(2, log.last().orElseThrow().lineNumber());
            try (var s = log.anchors()) {
                assertEquals(2, s.count());
            }
            assertEquals(3, log.append(4, H1).lineNumber());
        }
    }

    @Test
    void namesAnAnchorAboveTheStoredHeadAsTruncation() throws Exception {
        try (var log = HeadLog.open(dir.resolve(HeadLog.FILE_NAME))) {
            log.append(1, H1);
            log.append(2, H2);
            var stored = Map.of(1L, H1);
            var findings = log.check(1, id -> Optional.ofNullable(stored.get(id)));
            assertEquals(1, findings.size());
            assertEquals(2, findings.get(0).batchId());
            assertTrue(findings.get(0).reason().startsWith("ledger truncated or restored from an older copy: the head "
                    + "log anchored entry 2 (hash " + H2 + ") at "), findings.get(0).reason());
            assertTrue(findings.get(0).reason().endsWith("the store ends at entry 1"));
            assertEquals(Optional.of("head log ledger-head.log line 2"), findings.get(0).row());
            assertEquals(1, log.checkLast(1, id -> Optional.ofNullable(stored.get(id))).size());
            assertTrue(log.check(2, id -> Optional.of(id == 1 ? H1 : H2)).isEmpty());
        }
    }

    @Test
    void namesAnAnchorWhoseHashDiffers() throws Exception {
        try (var log = HeadLog.open(dir.resolve(HeadLog.FILE_NAME))) {
            log.append(1, H1);
            log.append(2, H2);
            var findings = log.check(5, id -> Optional.of(H3));
            assertEquals(2, findings.size());
            assertTrue(findings.get(1).reason().contains("the store holds " + H3));
            assertEquals(1, log.checkLast(5, id -> Optional.of(H3)).size());
            assertTrue(log.checkLast(5, id -> Optional.of(H2)).isEmpty());
        }
    }

    @Test
    void aLineThatDoesNotParseIsNamedByItsNumber() throws Exception {
        var file = dir.resolve(HeadLog.FILE_NAME);
        try (var log = HeadLog.open(file)) {
            log.append(1, H1);
        }
        Files.writeString(file, "garbage here\n", StandardOpenOption.APPEND);
        try (var log = HeadLog.open(file)) {
            log.append(2, H2);
            var findings = log.check(2, id -> Optional.of(id == 1 ? H1 : H2));
            assertEquals(1, findings.size());
            assertEquals(Optional.of("head log ledger-head.log line 2"), findings.get(0).row());
            assertEquals(3, log.last().orElseThrow().lineNumber());
        }
    }

    @Test
    void aTornLastLineIsCutOnOpen() throws Exception {
        var file = dir.resolve(HeadLog.FILE_NAME);
        try (var log = HeadLog.open(file)) {
            log.append(1, H1);
        }
        Files.write(file, "2 2222".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        try (var log = HeadLog.open(file)) {
            assertEquals(Optional.of("2 2222"), log.repairedTail());
            log.append(2, H2);
            assertTrue(log.check(2, id -> Optional.of(id == 1 ? H1 : H2)).isEmpty());
        }
    }
}
