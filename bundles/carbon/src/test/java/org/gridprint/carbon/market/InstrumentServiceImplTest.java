package org.gridprint.carbon.market;

import static org.gridprint.carbon.market.MarketFixtures.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.Offset;
import org.gridprint.carbon.market.fakes.MemoryRegister;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InstrumentServiceImplTest {

    MemoryRegister register;
    InstrumentServiceImpl service;

    @BeforeEach
    void setUp() {
        register = new MemoryRegister();
        service = new InstrumentServiceImpl(register);
    }

    @Test
    void registeringTheSameInstrumentAgainIsANoOpAndADifferentOneUnderItsIdIsRefused() {
        var r = rec("M-RETS-1", "12.50", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30), "US", "");
        service.register(r);
        int puts = register.puts;
        // 12.5 and 12.50 are the same quantity: same canonical text
        service.register(rec("M-RETS-1", "12.5", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30), "US", ""));
        assertEquals(puts, register.puts);
        var e = assertThrows(IllegalArgumentException.class, () -> service.register(rec("M-RETS-1", "13",
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30), "US", "")));
        assertTrue(e.getMessage().contains("'M-RETS-1' is already registered with different content")
                && e.getMessage().contains("mwh=12.5"), e.getMessage());
        assertEquals(1, service.instruments().size());
        assertEquals(new BigDecimal("12.5"), service.remainingMwh("M-RETS-1"));
        assertEquals("id=M-RETS-1\n", register.get("instrument", "M-RETS-1").orElseThrow().text().lines()
                .filter(l -> l.startsWith("id=")).findFirst().orElseThrow() + "\n");
    }

    @Test
    void invalidInstrumentsNameEveryFieldThatIsWrong() {
        var bad = new Instrument("GO-7", "GOO", new BigDecimal("-1"), LocalDate.of(2024, 12, 31),
                LocalDate.of(2024, 1, 1), "", "AIB", "", "", new BigDecimal("-2"), "");
        var e = assertThrows(IllegalArgumentException.class, () -> service.register(bad));
        var m = e.getMessage();
        assertTrue(m.startsWith("instrument 'GO-7': "), m);
        assertTrue(m.contains("type = 'GOO' is not known; expected one of REC, GO, I_REC, PPA, CONTRACT, SUPPLIER"), m);
        assertTrue(m.contains("mwh = -1 must be > 0"), m);
        assertTrue(m.contains("vintageTo = 2024-01-01 is before vintageFrom = 2024-12-31"), m);
        assertTrue(m.contains("market is empty"), m);
        assertTrue(m.contains("gramsPerKwh = -2 must be >= 0"), m);
        var noRetirement = new Instrument("REC-9", "rec", BigDecimal.ONE, LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31), "US", "M-RETS", " ", "", BigDecimal.ZERO, "");
        e = assertThrows(IllegalArgumentException.class, () -> service.register(noRetirement));
        assertTrue(e.getMessage().contains("retirementId is empty; a REC certificate counts only when retired"),
                e.getMessage());
        assertTrue(service.instruments().isEmpty());
        // a PPA needs no retirement id; I-REC is accepted for I_REC
        service.register(new Instrument("PPA-1", "ppa", BigDecimal.ONE, LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31), "US", "", "", "hq", new BigDecimal("15"), "PPA"));
        assertEquals("I_REC", service.register(new Instrument("IREC-1", "I-REC", BigDecimal.ONE,
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "IN", "Evident", "R-1", "", null, "")).type());
        assertEquals(List.of("IREC-1", "PPA-1"), service.instruments().stream().map(Instrument::id).toList());
        var unknown = assertThrows(IllegalArgumentException.class, () -> service.remainingMwh("nope"));
        assertTrue(unknown.getMessage().contains("instrument 'nope' is not registered"));
    }

    @Test
    void offsetsLiveInTheirOwnRegisterAndOnlyMeetEmissionsInTheNetView() {
        var o1 = new Offset("VCS-123-2024", new BigDecimal("2.5"), "Verra VCS", "Cookstoves", LocalDate.of(2023, 1, 1),
                "RET-77", LocalDate.of(2024, 3, 15), "hq");
        var o2 = new Offset("GS-9", new BigDecimal("1"), "Gold Standard", "Wind", LocalDate.of(2023, 1, 1), "RET-78",
                LocalDate.of(2024, 5, 2), "");
        service.registerOffset(o1);
        service.registerOffset(o2);
        service.registerOffset(o1);
        assertEquals(2, service.offsets().size());
        assertTrue(register.list("instrument").isEmpty());
        var e = assertThrows(IllegalArgumentException.class, () -> service.registerOffset(new Offset("GS-9",
                new BigDecimal("2"), "Gold Standard", "Wind", LocalDate.of(2023, 1, 1), "RET-78",
                LocalDate.of(2024, 5, 2), "")));
        assertTrue(e.getMessage().contains("offset 'GS-9' is already registered with different content"));
        e = assertThrows(IllegalArgumentException.class, () -> service.registerOffset(new Offset("X", BigDecimal.ZERO,
                "", null, null, "", null, null)));
        assertTrue(e.getMessage().contains("tonnesCo2e = 0 must be > 0") && e.getMessage().contains("standard is empty")
                && e.getMessage().contains("retiredOn is missing"), e.getMessage());
        // March 2024 of site hq: gross 4,000.5 kg; VCS-123-2024 (2.5 t) retired in March: net 1,500.5 kg
        var march = NetView.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 4, 1), 4_000_500_000_000L,
                service.offsets(), "hq");
        assertEquals(new BigDecimal("4000.5"), march.grossKg().stripTrailingZeros());
        assertEquals(0, new BigDecimal("2500").compareTo(march.offsetsKg()));
        assertEquals(0, new BigDecimal("1500.5").compareTo(march.netKg()));
        assertEquals(List.of("VCS-123-2024"), march.serials());
        // May: GS-9 has no site: it counts for any site
        var may = NetView.of(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 6, 1), 0, service.offsets(), "plant");
        assertEquals(0, new BigDecimal("-1000").compareTo(may.netKg()));
    }
}
