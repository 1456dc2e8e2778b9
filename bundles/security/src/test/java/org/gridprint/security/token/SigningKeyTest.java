package org.gridprint.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartWritesA32ByteKeyReadableByItsOwnerOnlyAndTheNextStartReadsTheSameKey() throws Exception {
        var file = dir.resolve("data/gridprint/token-signing.key");
        var first = SigningKey.loadOrCreate(file, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).trim()).length);
        var again = SigningKey.loadOrCreate(file, new SecureRandom());
        assertEquals(first.keyId(), again.keyId());
        assertFalse(first.toString().contains(Files.readString(file).trim()));
    }

    @Test
    void aKeyFileOthersCanReadIsMadeOwnerOnly() throws Exception {
        var file = dir.resolve("k");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[40]));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SigningKey.loadOrCreate(file, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aShortOrUnreadableKeyIsRefusedNamingTheFileButNotItsContent() throws Exception {
        var file = dir.resolve("short.key");
        var secret = Base64.getEncoder().encodeToString("sixteen-bytes-ok".getBytes());
        Files.writeString(file, secret);
        var e = assertThrows(IllegalArgumentException.class, () -> SigningKey.loadOrCreate(file, new SecureRandom()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("16 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains(secret));
        Files.writeString(file, "%%% not base64 %%%");
        e = assertThrows(IllegalArgumentException.class, () -> SigningKey.loadOrCreate(file, new SecureRandom()));
        assertFalse(e.getMessage().contains("%%%"), e.getMessage());
    }
}
