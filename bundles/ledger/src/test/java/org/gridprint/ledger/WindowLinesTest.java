package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.EnumSet;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.RegisterRecord;
import org.junit.jupiter.api.Test;

class WindowLinesTest {

    @Test
    void windowVersionLine() {
        var start = Instant.parse("2026-01-01T00:00:00Z");
        var w = new EmissionWindow("hq\tb1", "site-1", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                AccountingMethod.MARKET_BASED, start, start.plusSeconds(3600), 1_000_000_000_000L, 226_478_670_000L, 7,
                9, 600_000_000_000L, Quality.SUSPECT, EnumSet.of(WindowFlag.SUSPECT_SPIKE, WindowFlag.GAP_SPANNED),
                start.minusSeconds(7), start.plusSeconds(3601), 2, Instant.ofEpochMilli(1767229260123L));
        assertEquals("V\thq\\tb1\tACTIVE_ENERGY_IMPORT\tSCOPE_2\tMARKET_BASED\t1767225600000\t1767229200000\tsite-1\t"
                + "1000000000000\t226478670000\t7\t9\t600000000000\tSUSPECT\tGAP_SPANNED,SUSPECT_SPIKE\t1767225593000\t"
                + "1767229201000\t2\t1767229260123\n", CanonicalLines.windowVersion(w));
        assertEquals("N\tlate reading\\n2\n", CanonicalLines.windowsReason("late reading\n2"));
    }

    @Test
    void registerRecordLine() {
        var r = new RegisterRecord(12, "factor", "egrid2022/CAMX/co2e", 1, "unit=lb/MWh\nvalue=499.3", "initial",
                Instant.ofEpochMilli(1767225600000L));
        assertEquals("G\tfactor\tegrid2022/CAMX/co2e\t1\t12\t1767225600000\tinitial\tunit=lb/MWh\\nvalue=499.3\n",
                CanonicalLines.registerRecord(r));
    }
}
