package org.gridprint.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;

import org.junit.jupiter.api.Test;

/** The protocol and session expiry fields of MQTT 5 support. */
class BrokerProtocolSettingsTest {

    private static HashMap<String, Object> base() {
        var m = new HashMap<String, Object>();
        m.put("service.pid", "org.gridprint.mqtt.broker~a");
        m.put("id", "a");
        return m;
    }

    @Test
    void mqtt311IsTheDefaultAnd5IsChosenByProtocol() {
        var s = BrokerSettingsParser.parse(base());
        assertEquals("3.1.1", s.protocol());
        assertFalse(s.mqtt5());
        assertEquals(604_800, s.sessionExpirySeconds());
        var m = base();
        m.put("protocol", "5");
        m.put("sessionExpirySeconds", "4294967295");
        s = BrokerSettingsParser.parse(m);
        assertTrue(s.mqtt5());
        assertEquals(4_294_967_295L, s.sessionExpirySeconds());
        assertEquals(0L, PahoV5Transport.options(s).getSessionExpiryInterval() == null ? -1
                : PahoV5Transport.options(s).getSessionExpiryInterval() - 4_294_967_295L);
        assertFalse(PahoV5Transport.options(s).isCleanStart());
    }

    @Test
    void aBadProtocolOrExpiryIsRefusedNamingTheField() {
        var m = base();
        m.put("protocol", "3.1");
        var e = assertThrows(IllegalArgumentException.class, () -> BrokerSettingsParser.parse(m));
        assertEquals("org.gridprint.mqtt.broker~a: field 'protocol' is '3.1'; expected 3.1.1 or 5", e.getMessage());
        var n = base();
        n.put("protocol", "5");
        n.put("sessionExpirySeconds", "4294967296");
        e = assertThrows(IllegalArgumentException.class, () -> BrokerSettingsParser.parse(n));
        assertTrue(e.getMessage().contains("field 'sessionExpirySeconds' is '4294967296'"), e.getMessage());
    }

    @Test
    void mqtt5SendsAPasswordWithoutAUserName311DoesNot() {
        var m = base();
        m.put("password", "token-only-secret");
        assertThrows(IllegalArgumentException.class, () -> BrokerSettingsParser.parse(m));
        m.put("protocol", "5");
        var s = BrokerSettingsParser.parse(m);
        assertTrue(s.password().isPresent());
        assertFalse(s.toString().contains("token-only-secret"));
    }

    @Test
    void aCleanSessionIsCleanStartWithExpiryZeroInMqtt5() {
        var m = base();
        m.put("protocol", "5");
        m.put("cleanSession", "true");
        var o = PahoV5Transport.options(BrokerSettingsParser.parse(m));
        assertTrue(o.isCleanStart());
        assertEquals(0L, o.getSessionExpiryInterval());
    }
}
