package org.gridprint.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.gridprint.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without PostgreSQL's server binaries the tests fail and say what to install; they never skip silently. */
class ServerBinariesTest {

    @TempDir
    Path dir;

    @Test
    void missingBinariesFailNamingDebiansPackage() throws Exception {
        Files.createDirectories(dir.resolve("15/bin"));
        var e = assertThrows(IllegalStateException.class, () -> PostgresServer.findBinaries(null, dir));
        assertTrue(e.getMessage().contains("install Debian's package (apt-get install postgresql"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> PostgresServer.findBinaries(dir.toString(), dir));
        assertTrue(e.getMessage().startsWith("GRIDPRINT_PG_BIN=" + dir), e.getMessage());
    }

    @Test
    void theNewestVersionWithAllThreeBinariesIsTaken() throws Exception {
        for (var version : new String[] {"9", "13", "15"}) {
            var bin = Files.createDirectories(dir.resolve(version).resolve("bin"));
            for (var tool : version.equals("15") ? new String[] {"initdb", "pg_ctl"}
                    : new String[] {"initdb", "pg_ctl", "postgres"}) {
                Files.createFile(bin.resolve(tool), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        }
        assertEquals(dir.resolve("13/bin"), PostgresServer.findBinaries(null, dir));
    }
}
