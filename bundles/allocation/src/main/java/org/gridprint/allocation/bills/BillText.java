package org.gridprint.allocation.bills;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;

import org.gridprint.api.allocation.UtilityBill;

/**
 * A utility bill's register text (register {@value #REGISTER}, key {@code site/account/from}): {@code format=1},
 * site, account, supplier, from, to (ISO dates, both inclusive), kwh and cost (plain decimals, trailing zeros
 * stripped so 1000.0 and 1000 are the same bill), currency.
 */
final class BillText {

    static final String REGISTER = "utility-bill";

    private BillText() {
    }

    static String key(UtilityBill b) {
        return b.siteId() + "/" + b.account() + "/" + b.from();
    }

    static String format(UtilityBill b) {
        var m = new LinkedHashMap<String, String>();
        m.put("format", "1");
        m.put("site", b.siteId());
        m.put("account", b.account());
        m.put("supplier", b.supplier());
        m.put("from", b.from().toString());
        m.put("to", b.to().toString());
        m.put("kwh", plain(b.kwh()));
        m.put("cost", plain(b.cost()));
        m.put("currency", b.currency());
        return RecordText.format(m);
    }

    static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    static UtilityBill parse(String text, String key) {
        var m = RecordText.parse(text);
        try {
            return new UtilityBill(need(m.get("site")), m.getOrDefault("account", ""), m.getOrDefault("supplier", ""),
                    LocalDate.parse(need(m.get("from"))), LocalDate.parse(need(m.get("to"))),
                    new BigDecimal(need(m.get("kwh"))), new BigDecimal(m.getOrDefault("cost", "0")),
                    m.getOrDefault("currency", ""));
        } catch (RuntimeException e) {
            throw new IllegalStateException("register " + REGISTER + ", key '" + key + "': not a utility bill text ("
                    + e.getMessage() + "); run gridprint:verify", e);
        }
    }

    private static String need(String v) {
        if (v == null) {
            throw new IllegalArgumentException("a field is missing");
        }
        return v;
    }
}
