package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsTheFile() throws Exception {
        var file = dir.resolve(Checkpoint.FILE_NAME);
        assertEquals(Optional.empty(), Checkpoint.read(file));
        var c = new Checkpoint(42, "a".repeat(64), 1767225600000L);
        c.write(file);
        assertEquals(Optional.of(c), Checkpoint.read(file));
        new Checkpoint(43, "b".repeat(64), 1).write(file);
        assertEquals(43, Checkpoint.read(file).orElseThrow().entryId());
        assertTrue(c.sameEntry(new Checkpoint(42, "a".repeat(64), 5)));
    }

    @Test
    void aDamagedFileIsNamed() throws Exception {
        var file = dir.resolve(Checkpoint.FILE_NAME);
        Files.writeString(file, "42 nothex 1\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains(Checkpoint.FILE_NAME), e.getMessage());
    }
}
