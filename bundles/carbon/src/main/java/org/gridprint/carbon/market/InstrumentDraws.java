package org.gridprint.carbon.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Optional;

import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.RecordRegister;

/**
 * What has been drawn from each instrument, in the ledgered register {@code instrument-use}, so that an instrument's
 * MWh are applied once even with two writers (two engines, a recalculation beside the worker):
 * <ul>
 * <li>{@code balance/<instrument id>}: the total drawn ({@code drawnNano}, nano-kWh), changed only by
 * compare-and-set ({@link RecordRegister#putIfVersion}); never above the instrument's quantity;</li>
 * <li>{@code use/<meter>/<quantity>/<start>} (or {@code use/sha256/<hex>} when longer than a register key may be):
 * the draw of one market-based window: which instrument and how much. A window computed again reuses it (it draws
 * only the difference, or gives back what it no longer needs), so recomputation never draws twice.</li>
 * </ul>
 * Order of writes: a draw raises the balance first, then records the use; giving back lowers the use first, then the
 * balance. A crash between the two can only leave capacity unused, never overdrawn.
 */
public final class InstrumentDraws {

    public static final String REGISTER = "instrument-use";
    static final int MAX_TRIES = 64;
    /** nano-kWh per MWh. */
    static final BigDecimal NANO_PER_MWH = BigDecimal.TEN.pow(12);

    /** The draw of one window: on which instrument, how much (nano-kWh), and the register version it was read at. */
    public record Use(String instrumentId, long drawnNano, int version) {
    }

    /** An instrument's balance as read: total drawn and the register version it was read at (0: none yet). */
    record Balance(long drawnNano, int version) {
    }

    private final RecordRegister register;

    public InstrumentDraws(RecordRegister register) {
        this.register = register;
    }

    /** An instrument's quantity in nano-kWh, rounded down (never more than it holds). */
    public static long capacityNano(BigDecimal mwh) {
        return mwh.multiply(NANO_PER_MWH).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** Nano-kWh as MWh, exact. */
    public static BigDecimal mwh(long nano) {
        var d = new BigDecimal(nano).divide(NANO_PER_MWH);
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    /** Total drawn from an instrument so far, nano-kWh. */
    public long drawnNano(String instrumentId) {
        return balance(instrumentId).drawnNano();
    }

    /** The window's current draw, if it ever drew. */
    public Optional<Use> use(WindowKey key) {
        return register.get(REGISTER, useKey(key)).map(r -> {
            var what = "instrument use '" + r.key() + "' (register " + REGISTER + ")";
            var f = KeyValueText.parse(r.text(), what);
            return new Use(KeyValueText.required(f, "instrument", what),
                    Long.parseLong(KeyValueText.required(f, "drawnNano", what)), r.version());
        });
    }

    /**
     * Sets the window's draw on {@code instrumentId} to {@code min(wanted, what the instrument has left + the
     * window's earlier draw on it)}, giving back first any draw the window holds on another instrument.
     *
     * @return the nano-kWh the window now holds on the instrument (0 if nothing is left)
     * @throws IllegalStateException when concurrent writers keep winning for {@value #MAX_TRIES} tries
     */
    public long settle(WindowKey key, String siteId, String instrumentId, long capacityNano, long wantedNano) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            var use = use(key);
            if (use.isPresent() && use.get().drawnNano() > 0 && !use.get().instrumentId().equals(instrumentId)) {
                release(key, siteId, use.get());
                continue;
            }
            long earlier = use.map(Use::drawnNano).orElse(0L);
            int useVersion = use.map(Use::version).orElse(0);
            var balance = balance(instrumentId);
            long available = capacityNano - (balance.drawnNano() - earlier);
            long grant = Math.max(0, Math.min(wantedNano, available));
            long delta = grant - earlier;
            if (delta == 0) {
                return grant;
            }
            if (delta > 0) {
                if (!casBalance(instrumentId, balance, balance.drawnNano() + delta, key)) {
                    continue;
                }
                if (!casUse(key, siteId, instrumentId, grant, useVersion)) {
                    adjust(instrumentId, -delta, key);
                    continue;
                }
            } else {
                if (!casUse(key, siteId, instrumentId, grant, useVersion)) {
                    continue;
                }
                adjust(instrumentId, delta, key);
            }
            return grant;
        }
        throw new IllegalStateException("instrument '" + instrumentId + "': the draw of window " + describe(key)
                + " could not be settled after " + MAX_TRIES + " tries (other writers kept changing it)");
    }

    /** Gives back whatever the window holds (its use goes to 0 on the same instrument). */
    public void release(WindowKey key, String siteId) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            var use = use(key);
            if (use.isEmpty() || use.get().drawnNano() == 0) {
                return;
            }
            if (release(key, siteId, use.get())) {
                return;
            }
        }
        throw new IllegalStateException("the draw of window " + describe(key) + " could not be given back after "
                + MAX_TRIES + " tries (other writers kept changing it)");
    }

    private boolean release(WindowKey key, String siteId, Use use) {
        if (!casUse(key, siteId, use.instrumentId(), 0, use.version())) {
            return false;
        }
        adjust(use.instrumentId(), -use.drawnNano(), key);
        return true;
    }

    void adjust(String instrumentId, long delta, WindowKey key) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            var balance = balance(instrumentId);
            if (casBalance(instrumentId, balance, Math.max(0, balance.drawnNano() + delta), key)) {
                return;
            }
        }
        throw new IllegalStateException("instrument '" + instrumentId + "': its balance could not be adjusted by "
                + delta + " nano-kWh for window " + describe(key) + " after " + MAX_TRIES
                + " tries; its remaining quantity is understated until recalculated");
    }

    Balance balance(String instrumentId) {
        return register.get(REGISTER, balanceKey(instrumentId)).map(r -> {
            var what = "instrument balance '" + r.key() + "' (register " + REGISTER + ")";
            var f = KeyValueText.parse(r.text(), what);
            return new Balance(Long.parseLong(KeyValueText.required(f, "drawnNano", what)), r.version());
        }).orElse(new Balance(0, 0));
    }

    boolean casBalance(String instrumentId, Balance seen, long newDrawn, WindowKey key) {
        var f = new LinkedHashMap<String, String>();
        f.put("instrument", instrumentId);
        f.put("drawnNano", Long.toString(newDrawn));
        return register.putIfVersion(REGISTER, balanceKey(instrumentId), KeyValueText.format(f),
                "draw for " + describe(key), seen.version()).isPresent();
    }

    boolean casUse(WindowKey key, String siteId, String instrumentId, long drawn, int version) {
        var f = new LinkedHashMap<String, String>();
        f.put("instrument", instrumentId);
        f.put("drawnNano", Long.toString(drawn));
        f.put("meter", key.meterId());
        f.put("quantity", key.quantity().name());
        f.put("start", key.start().toString());
        f.put("site", siteId);
        return register.putIfVersion(REGISTER, useKey(key), KeyValueText.format(f), drawn == 0 ? "given back"
                : "market-based window", version).isPresent();
    }

    static String balanceKey(String instrumentId) {
        return "balance/" + instrumentId;
    }

    /** The register key of a window's use; a SHA-256 of the long form when that exceeds a register key. */
    static String useKey(WindowKey key) {
        var full = "use/" + key.meterId() + "/" + key.quantity().name() + "/" + key.start();
        if (full.length() <= RecordRegister.MAX_NAME_CHARS) {
            return full;
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(full.getBytes(StandardCharsets.UTF_8));
            return "use/sha256/" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String describe(WindowKey key) {
        var m = key.meterId().length() > 120 ? key.meterId().substring(0, 120) + "..." : key.meterId();
        return m + " " + key.quantity() + " " + key.start();
    }
}
