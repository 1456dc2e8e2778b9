package org.gridprint.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TokenSettingsTest {

    @Test
    void defaultsAreFifteenMinutesAtMost24HoursAndTheKeyFileUnderKarafData() {
        var s = TokenSettings.parse(Map.of(), "/opt/gp/data");
        assertEquals(Duration.ofMinutes(15), s.defaultTtl());
        assertEquals(Duration.ofHours(24), s.maxTtl());
        assertEquals(Path.of("/opt/gp/data/gridprint/token-signing.key"), s.signingKeyFile());
        assertTrue(s.signingKey().isEmpty());
    }

    @Test
    void errorsNameThePidTheFieldAndTheValueButNeverTheKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TokenSettings.parse(Map.of("maxTtl", "48h"), "/d"));
        assertEquals("org.gridprint.security.token: field 'maxTtl' is '48h'; expected more than 0 and at most 24h",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TokenSettings.parse(Map.of("defaultTtl", "soon"), "/d"));
        assertTrue(e.getMessage().contains("'defaultTtl' is 'soon'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TokenSettings.parse(Map.of("defaultTtl", "2h", "maxTtl", "1h"), "/d"));
        assertTrue(e.getMessage().contains("at most maxTtl (1h)"), e.getMessage());
        var shortKey = Base64.getEncoder().encodeToString("too-short-key".getBytes());
        e = assertThrows(IllegalArgumentException.class,
                () -> TokenSettings.parse(Map.of("signingKey", shortKey), "/d"));
        assertTrue(e.getMessage().contains("field 'signingKey'") && e.getMessage().contains("13 bytes"),
                e.getMessage());
        assertFalse(e.getMessage().contains(shortKey));
    }

    @Test
    void aConfiguredKeyIsUsedAndNeverShown() {
        var key = Base64.getEncoder().encodeToString(new byte[32]);
        var s = TokenSettings.parse(Map.of("signingKey", key, "defaultTtl", "1h30m"), null);
        assertEquals(32, s.signingKey().orElseThrow().length);
        assertEquals(Duration.ofMinutes(90), s.defaultTtl());
        assertFalse(s.toString().contains(key));
    }
}
