package org.gridprint.carbon.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;
import org.junit.jupiter.api.Test;

class FactorTextTest {

    private static final FactorVersion F = new FactorVersion("operator/pge/2024-01-01", FactorKind.SUPPLIER_SPECIFIC,
            Scope.SCOPE_2, AccountingMethod.MARKET_BASED, "CA", new BigDecimal("0.4560"), "lb/MWh",
            new BigDecimal("0.20683812072000"), "kWh", "as published", "PG&E power content label\nline 2 \\ ok",
            "2024", Instant.parse("2024-01-01T00:00:00Z"), Instant.MAX, "operator", true, "m1");

    @Test
    void canonicalTextIsSortedKeyValueLinesWithPlainDecimals() {
        var text = FactorText.format(F);
        assertEquals("""
                edition=2024
                estimated=true
                format=1
                gramsPerUnit=0.20683812072
                gwpSet=as published
                id=operator/pge/2024-01-01
                kind=SUPPLIER_SPECIFIC
                method=MARKET_BASED
                model=m1
                perUnit=kWh
                provider=operator
                publishedUnit=lb/MWh
                publishedValue=0.456
                region=CA
                scope=SCOPE_2
                source=PG&E power content label\\nline 2 \\\\ ok
                validFrom=2024-01-01T00:00:00Z
                validTo=+1000000000-12-31T23:59:59.999999999Z
                """, text);
        assertEquals(FactorText.canonical(F), FactorText.parse(text, "test"));
        assertEquals(text, FactorText.format(FactorText.parse(text, "test")), "stable");
        assertEquals("1000", FactorText.format(new FactorVersion("x", FactorKind.FUEL, Scope.SCOPE_1,
                AccountingMethod.DIRECT, "", new BigDecimal("1E+3"), "g/m3", new BigDecimal("1E+3"), "m3", "AR5", "s",
                "e", Instant.MIN, Instant.MAX, "", false, "")).lines().filter(l -> l.startsWith("gramsPerUnit="))
                .findFirst().orElseThrow().substring("gramsPerUnit=".length()), "no exponent");
    }

    @Test
    void badTextsNameTheRecordAndTheField() {
        var text = FactorText.format(F);
        var e = assertThrows(IllegalArgumentException.class,
                () -> FactorText.parse(text.replace("kind=SUPPLIER_SPECIFIC", "kind=NOPE"), "ref 7"));
        assertTrue(e.getMessage().startsWith("ref 7: ") && e.getMessage().contains("NOPE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FactorText.parse(text.replace("region=CA\n", ""), "ref 7"));
        assertEquals("ref 7: key region is missing", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FactorText.parse(text + "extra=1\n", "ref 7"));
        assertTrue(e.getMessage().contains("unknown keys [extra]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FactorText.parse("hello", "ref 8"));
        assertTrue(e.getMessage().contains("ref 8: line 1 'hello': expected key=value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FactorText.parse(text.replace("validFrom=2024-01-01T00:00:00Z", "validFrom=2024-01-01"), "r"));
        assertTrue(e.getMessage().contains("validFrom = '2024-01-01'"), e.getMessage());
    }
}
