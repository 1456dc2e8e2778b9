package org.gridprint.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.InstrumentService;
import org.gridprint.api.carbon.Offset;
import org.junit.jupiter.api.Test;

/** The demo's certificate: what it registers (a simulated REC for demo-hq), and nothing when recMwh = 0. */
class DemoCertificateTest {

    private static Config config(double recMwh, boolean enabled) {
        var values = Map.<String, Object>of("recMwh", recMwh, "enabled", enabled, "timeZone", "America/New_York");
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (p, m, a) -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue());
    }

    private static final class Recording implements InstrumentService {
        final List<Instrument> registered = new ArrayList<>();

        @Override
        public Instrument register(Instrument instrument) {
            registered.add(instrument);
            return instrument;
        }

        @Override
        public List<Instrument> instruments() {
            return registered;
        }

        @Override
        public BigDecimal remainingMwh(String instrumentId) {
            return BigDecimal.ZERO;
        }

        @Override
        public Offset registerOffset(Offset offset) {
            return offset;
        }

        @Override
        public List<Offset> offsets() {
            return List.of();
        }
    }

    @Test
    void registersASimulatedRecForTheDemoSiteOfTheCurrentYear() throws Exception {
        var rec = DemoCertificate.certificate(new BigDecimal("0.250"), 2026);
        assertEquals("DEMO-REC-2026", rec.id());
        assertEquals("REC", rec.type());
        assertEquals(new BigDecimal("0.25"), rec.mwh());
        assertEquals(LocalDate.of(2026, 1, 1), rec.vintageFrom());
        assertEquals(LocalDate.of(2026, 12, 31), rec.vintageTo());
        assertEquals("US", rec.market());
        assertEquals("demo-hq", rec.siteId());
        assertEquals(BigDecimal.ZERO, rec.gramsPerKwh());
        assertEquals("DEMO-RETIRED-2026-0001", rec.retirementId());

        var service = new Recording();
        var component = new DemoCertificate();
        var field = DemoCertificate.class.getDeclaredField("instruments");
        field.setAccessible(true);
        field.set(component, service);
        component.activate(config(0.25, true));
        assertEquals(1, service.registered.size());
        assertEquals(LocalDate.now(java.time.ZoneId.of("America/New_York")).getYear(),
                service.registered.get(0).vintageFrom().getYear());
        component.activate(config(0, true));
        component.activate(config(0.25, false));
        assertEquals(1, service.registered.size()); // none when recMwh = 0 or the demo is disabled
    }
}
