package org.gridprint.carbon.bills;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.gridprint.carbon.bills.BillInput.ValidBill;

/**
 * The canonical register text of a bill (register {@code fuel-bill}): one {@code key=value} line per field, keys
 * sorted, {@code \n} after each, decimals plain without trailing zeros, instants ISO UTC, plus {@code format=1}. The
 * same bill gives the same bytes; the values are one line each (validated).
 */
final class BillText {

    private BillText() {
    }

    static String format(ValidBill b) {
        var m = new TreeMap<String, String>();
        m.put("format", "1");
        m.put("site", b.siteId());
        m.put("reference", b.reference());
        m.put("fuel", b.fuel());
        m.put("from", b.from().toString());
        m.put("to", b.to().toString());
        m.put("quantity", b.quantity().toPlainString());
        m.put("unit", b.unit());
        m.put("supplier", b.supplier());
        var sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    static ValidBill parse(String text, String registerKey) {
        var m = new TreeMap<String, String>();
        for (var line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            return new ValidBill(need(m, "site", registerKey), need(m, "reference", registerKey),
                    need(m, "fuel", registerKey), Instant.parse(need(m, "from", registerKey)),
                    Instant.parse(need(m, "to", registerKey)), new BigDecimal(need(m, "quantity", registerKey)),
                    need(m, "unit", registerKey), m.getOrDefault("supplier", ""));
        } catch (RuntimeException e) {
            throw new IllegalStateException("register fuel-bill, key '" + registerKey + "': not a fuel bill text ("
                    + e.getMessage() + "); run gridprint:verify", e);
        }
    }

    private static String need(Map<String, String> m, String key, String registerKey) {
        var v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("field " + key + " missing");
        }
        return v;
    }
}
