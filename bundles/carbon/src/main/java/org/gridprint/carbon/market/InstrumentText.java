package org.gridprint.carbon.market;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.Offset;
import org.gridprint.api.store.RecordRegister;

/**
 * Validation and canonical register texts of instruments (register {@code instrument}) and offsets (register
 * {@code offset}). Decimals are written without trailing zeros ({@code 12.50} and {@code 12.5} are the same
 * content), dates as ISO {@code yyyy-MM-dd}.
 */
public final class InstrumentText {

    /** Longest instrument id or offset serial (the register key), in characters. */
    public static final int MAX_ID_CHARS = 150;

    private InstrumentText() {
    }

    /**
     * The instrument checked and normalised (type name canonical): errors name the instrument, the field, the value
     * and what is expected, all problems at once.
     */
    public static Instrument validate(Instrument in) {
        var what = "instrument '" + in.id() + "'";
        var problems = new ArrayList<String>();
        id(in.id(), "id", problems);
        var type = InstrumentType.parse(in.type());
        if (type.isEmpty()) {
            problems.add("type = '" + in.type() + "' is not known; expected one of " + InstrumentType.names());
        }
        if (in.mwh().signum() <= 0) {
            problems.add("mwh = " + in.mwh().toPlainString() + " must be > 0 (the quantity in MWh)");
        }
        if (in.vintageTo().isBefore(in.vintageFrom())) {
            problems.add("vintageTo = " + in.vintageTo() + " is before vintageFrom = " + in.vintageFrom()
                    + "; expected the generation (or delivery) period, first day to last day inclusive");
        }
        if (in.market().isBlank()) {
            problems.add("market is empty; expected the market boundary, e.g. US, EU, GB");
        }
        if (type.isPresent() && type.get().certificate() && in.retirementId().isBlank()) {
            problems.add("retirementId is empty; a " + type.get() + " certificate counts only when retired (or"
                    + " cancelled) for the reporting company: expected the tracking system's retirement id");
        }
        if (in.gramsPerKwh().signum() < 0) {
            problems.add("gramsPerKwh = " + in.gramsPerKwh().toPlainString() + " must be >= 0");
        }
        for (var f : List.of(new String[] {"market", in.market()}, new String[] {"trackingSystem", in.trackingSystem()},
                new String[] {"retirementId", in.retirementId()}, new String[] {"siteId", in.siteId()},
                new String[] {"source", in.source()})) {
            if (KeyValueText.hasLineBreak(f[1]) || f[1].length() > 1000) {
                problems.add(f[0] + " must be one line of at most 1000 characters");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(what + ": " + String.join("; ", problems));
        }
        return new Instrument(in.id(), type.get().name(), in.mwh(), in.vintageFrom(), in.vintageTo(), in.market().trim(),
                in.trackingSystem().trim(), in.retirementId().trim(), in.siteId().trim(), in.gramsPerKwh(),
                in.source().trim());
    }

    /** The canonical text of a validated instrument. */
    public static String format(Instrument in) {
        var f = new LinkedHashMap<String, String>();
        f.put("id", in.id());
        f.put("type", in.type());
        f.put("mwh", plain(in.mwh()));
        f.put("vintageFrom", in.vintageFrom().toString());
        f.put("vintageTo", in.vintageTo().toString());
        f.put("market", in.market());
        f.put("trackingSystem", in.trackingSystem());
        f.put("retirementId", in.retirementId());
        f.put("site", in.siteId());
        f.put("gramsPerKwh", plain(in.gramsPerKwh()));
        f.put("source", in.source());
        return KeyValueText.format(f);
    }

    /** Parses a register text written by {@link #format(Instrument)}; errors name the record and the field. */
    public static Instrument parseInstrument(String text, String key) {
        var what = "instrument '" + key + "' (register instrument)";
        var f = KeyValueText.parse(text, what);
        return new Instrument(KeyValueText.required(f, "id", what), KeyValueText.required(f, "type", what),
                decimal(f, "mwh", what), date(f, "vintageFrom", what), date(f, "vintageTo", what),
                f.get("market"), f.get("trackingSystem"), f.get("retirementId"), f.get("site"),
                decimal(f, "gramsPerKwh", what), f.get("source"));
    }

    /** The offset checked: errors name the serial, the field, the value and what is expected. */
    public static Offset validate(Offset in) {
        var problems = new ArrayList<String>();
        id(in.serial(), "serial", problems);
        if (in.tonnesCo2e() == null || in.tonnesCo2e().signum() <= 0) {
            problems.add("tonnesCo2e = " + (in.tonnesCo2e() == null ? "missing" : in.tonnesCo2e().toPlainString())
                    + " must be > 0");
        }
        if (in.standard() == null || in.standard().isBlank()) {
            problems.add("standard is empty; expected the crediting standard, e.g. Verra VCS, Gold Standard");
        }
        if (in.retirementId() == null || in.retirementId().isBlank()) {
            problems.add("retirementId is empty; an offset counts in the net view only when retired");
        }
        if (in.retiredOn() == null) {
            problems.add("retiredOn is missing; expected the retirement date (it places the offset in a period)");
        }
        if (in.vintage() == null) {
            problems.add("vintage is missing; expected the vintage date (e.g. the first day of the vintage year)");
        }
        for (var v : new String[] {in.standard(), in.project(), in.retirementId(), in.siteId()}) {
            if (v != null && (KeyValueText.hasLineBreak(v) || v.length() > 1000)) {
                problems.add("text fields must be one line of at most 1000 characters");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("offset '" + in.serial() + "': " + String.join("; ", problems));
        }
        return new Offset(in.serial(), in.tonnesCo2e(), in.standard().trim(), nz(in.project()).trim(), in.vintage(),
                in.retirementId().trim(), in.retiredOn(), nz(in.siteId()).trim());
    }

    public static String format(Offset in) {
        var f = new LinkedHashMap<String, String>();
        f.put("serial", in.serial());
        f.put("tonnesCo2e", plain(in.tonnesCo2e()));
        f.put("standard", in.standard());
        f.put("project", nz(in.project()));
        f.put("vintage", in.vintage().toString());
        f.put("retirementId", in.retirementId());
        f.put("retiredOn", in.retiredOn().toString());
        f.put("site", nz(in.siteId()));
        return KeyValueText.format(f);
    }

    public static Offset parseOffset(String text, String key) {
        var what = "offset '" + key + "' (register offset)";
        var f = KeyValueText.parse(text, what);
        return new Offset(KeyValueText.required(f, "serial", what), decimal(f, "tonnesCo2e", what),
                f.getOrDefault("standard", ""), f.getOrDefault("project", ""), date(f, "vintage", what),
                f.getOrDefault("retirementId", ""), date(f, "retiredOn", what), f.getOrDefault("site", ""));
    }

    /** A decimal without trailing zeros, never in exponent form. */
    public static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static void id(String id, String field, List<String> problems) {
        if (id == null || id.isBlank()) {
            problems.add(field + " is empty; expected the tracking-system or contract id");
        } else if (id.length() > MAX_ID_CHARS || KeyValueText.hasLineBreak(id) || !id.equals(id.trim())) {
            problems.add(field + " = '" + id + "' must be one line of at most " + MAX_ID_CHARS
                    + " characters without leading or trailing blanks (it is the register key, at most "
                    + RecordRegister.MAX_NAME_CHARS + ")");
        }
    }

    private static BigDecimal decimal(java.util.Map<String, String> f, String field, String what) {
        var v = KeyValueText.required(f, field, what);
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": " + field + " = '" + v + "' is not a decimal number");
        }
    }

    private static LocalDate date(java.util.Map<String, String> f, String field, String what) {
        var v = KeyValueText.required(f, field, what);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(what + ": " + field + " = '" + v + "' is not a date yyyy-MM-dd");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
