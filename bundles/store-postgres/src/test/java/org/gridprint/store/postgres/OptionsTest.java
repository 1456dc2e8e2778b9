package org.gridprint.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Configuration errors name the PID, the field, the value and what is expected; addresses never show credentials. */
class OptionsTest {

    private static PostgresOptions base() {
        return PostgresOptions.of("jdbc:postgresql://db.example:5433/grid", "gridprint", "pw", Path.of("anchors"));
    }

    @Test
    void badFieldsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> base().withSchema("Bad-Schema"));
        assertEquals("org.gridprint.store.postgres: schema 'Bad-Schema': expected lower-case letters, digits and '_', "
                + "starting with a letter or '_', at most 63 characters", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PostgresOptions.of("jdbc:mysql://x/y", "u", "p",
                Path.of("a")));
        assertTrue(e.getMessage().contains("url 'jdbc:mysql://x/y': expected jdbc:postgresql://"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PostgresOptions.of("jdbc:postgresql://x/y", " ", "p",
                Path.of("a")));
        assertTrue(e.getMessage().contains("user is empty"), e.getMessage());
    }

    @Test
    void whereTheServerIsWithoutCredentials() {
        assertEquals("db.example:5433/grid", ServerAddress.hostPortDatabase("jdbc:postgresql://db.example:5433/grid"));
        assertEquals("db.example:5432/grid", ServerAddress.hostPortDatabase(
                "jdbc:postgresql://db.example/grid?ssl=true"));
        assertEquals("localhost:5432/grid", ServerAddress.hostPortDatabase("jdbc:postgresql:grid"));
        assertEquals("jdbc:postgresql://h/d", ServerAddress.withoutQuery("jdbc:postgresql://h/d?sslmode=require"));
        assertTrue(base().toString().contains("password=****"), base().toString());
    }
}
