package org.gridprint.store.postgres;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.RecordRegister;

/** Refuses windows and register records the store cannot hold, before anything is queued, naming what and why. */
final class CarbonCheck {

    /** Window start/end/readings must lie in years 1..9999 (epoch milliseconds and UTC days as int). */
    private static final long MIN_MILLIS = -62_135_596_800_000L;
    private static final long MAX_MILLIS = 253_402_300_799_999L;

    private CarbonCheck() {
    }

    /** A reason is kept (and hashed) cut to this many characters (docs/ledger-spec.md, sections 11 and 12). */
    static final int MAX_REASON = 2000;

    /** The reason as stored: null is empty, longer than {@link #MAX_REASON} characters cut. */
    static String reason(String reason) {
        if (reason == null) {
            return "";
        }
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    static void windows(List<EmissionWindow> windows, String reason) {
        text("reason", reason, "the windows' reason");
        var keys = new HashSet<WindowKey>();
        for (int i = 0; i < windows.size(); i++) {
            var w = windows.get(i);
            var name = "window #" + (i + 1) + " (" + WindowReads.describe(w.key()) + ")";
            if (!keys.add(w.key())) {
                throw new IllegalArgumentException(name + " is given twice in one call: one version per key and "
                        + "call");
            }
            text("meter id", w.meterId(), name);
            text("site id", w.siteId(), name);
            for (var t : new java.time.Instant[] { w.start(), w.end(), w.firstReading(), w.lastReading(),
                    w.computedAt() }) {
                if (t.isBefore(java.time.Instant.ofEpochMilli(MIN_MILLIS))
                        || t.isAfter(java.time.Instant.ofEpochMilli(MAX_MILLIS))) {
                    throw new IllegalArgumentException(name + ": time " + t + " is outside years 1..9999");
                }
            }
        }
    }

    static void record(String register, String key, String text, String reason) {
        name("register", register);
        name("key", key);
        var where = "register " + register + " key " + key;
        if (text == null) {
            throw new IllegalArgumentException(where + ": text is missing");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > RecordRegister.MAX_TEXT_BYTES) {
            throw new IllegalArgumentException(where + ": text is " + bytes + " UTF-8 bytes, at most "
                    + RecordRegister.MAX_TEXT_BYTES + " allowed");
        }
        text("text", text, where);
        text("reason", reason, where);
    }

    private static void name(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("register record: " + field + " is missing (a non-empty name of at "
                    + "most " + RecordRegister.MAX_NAME_CHARS + " characters expected)");
        }
        if (value.length() > RecordRegister.MAX_NAME_CHARS) {
            throw new IllegalArgumentException("register record: " + field + " '" + value.substring(0, 40)
                    + "…' is " + value.length() + " characters, at most " + RecordRegister.MAX_NAME_CHARS
                    + " allowed");
        }
        text(field, value, "register record");
    }

    private static void text(String field, String value, String where) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(where + ": " + field + " contains a NUL character, which PostgreSQL "
                    + "text cannot hold");
        }
    }
}
