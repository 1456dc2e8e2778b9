package org.gridprint.allocation.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.AuditFinding;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.WindowQuery;

/**
 * The per-window differential audit of one site's families over a span, streamed from the store in chunks of whole
 * UTC days (memory: one chunk of the site's Scope 2 windows in primitive arrays, 24 bytes per window, whatever the
 * span). The first chunk is one day; the later ones hold as many days as fit in {@link #DEFAULT_CHUNK_WINDOWS} windows
 * at the first day's rate (at most 31): the store answers one query per series and chunk, so fewer, larger chunks
 * are faster (1,000 meters of 15-minute windows: 3-day chunks of about 14 MB).
 *
 * <p>A window start is <em>compared</em> when every meter of the family (parent and children side) has a counted
 * location-based window starting then; then parent side {@code p}, children side {@code c} and the remainder
 * {@code r = p - c} are added to the period, the location-based CO2e remainder likewise, and the market-based one when
 * every meter has its market twin too (else the market figure of the period is left empty). A start where any meter
 * lacks a window is <em>incomplete</em> and adds nothing. Terms with a fractional coefficient are rounded half-even to
 * the nano-kWh (µg) per window.
 */
public final class AuditEngine {

    static final Duration DAY = Duration.ofDays(1);
    /** Windows held per chunk (both methods) when the chunk size is chosen. */
    public static final int DEFAULT_CHUNK_WINDOWS = 600_000;
    static final int MAX_CHUNK_DAYS = 31;

    private final EmissionWindowStore store;
    private final Quantity quantity;
    private final int chunkWindows;

    public AuditEngine(EmissionWindowStore store) {
        this(store, Quantity.ACTIVE_ENERGY_IMPORT, DEFAULT_CHUNK_WINDOWS);
    }

    public AuditEngine(EmissionWindowStore store, Quantity quantity, int chunkWindows) {
        this.store = store;
        this.quantity = quantity;
        this.chunkWindows = Math.max(1, chunkWindows);
    }

    /** Accumulates one family's period figures. */
    private static final class Acc {
        long parent;
        long children;
        long compared;
        long incomplete;
        long over;
        long negative;
        long location;
        long market;
        boolean marketMissing;
    }

    public List<AuditFinding> audit(String siteId, List<Family> families, AuditSettings settings, Instant from,
            Instant to, WindowObserver observer) {
        var ids = new HashSet<String>();
        for (var f : families) {
            f.parentTerms().forEach(t -> ids.add(t.meterId()));
            f.childTerms().forEach(t -> ids.add(t.meterId()));
        }
        var accs = new Acc[families.size()];
        for (int i = 0; i < accs.length; i++) {
            accs[i] = new Acc();
        }
        long minNano = settings.minNano();
        if (!ids.isEmpty()) {
            var chunk = DAY;
            Instant chunkEnd;
            for (var chunkStart = from; chunkStart.isBefore(to); chunkStart = chunkEnd) {
                chunkEnd = chunkStart.plus(chunk).isBefore(to) ? chunkStart.plus(chunk) : to;
                var location = new HashMap<String, DaySeries>();
                var market = new HashMap<String, DaySeries>();
                long held = store.scanWindows(new WindowQuery(chunkStart, chunkEnd, ids, "",
                        Optional.of(Scope.SCOPE_2), Optional.empty()), w -> {
                            if (w.quantity() == quantity && w.counted()) {
                                var target = w.method() == AccountingMethod.LOCATION_BASED ? location
                                        : w.method() == AccountingMethod.MARKET_BASED ? market : null;
                                if (target != null) {
                                    target.computeIfAbsent(w.meterId(), k -> new DaySeries()).add(
                                            w.start().toEpochMilli(), w.amountNano(), w.co2eMicrograms());
                                }
                            }
                            return true;
                        });
                for (int i = 0; i < families.size(); i++) {
                    day(families.get(i), accs[i], location, market, settings, minNano, observer);
                }
                if (chunkStart.equals(from)) {
                    long perDay = Math.max(1, held * DAY.toMillis() / Math.max(1,
                            chunkEnd.toEpochMilli() - chunkStart.toEpochMilli()));
                    chunk = DAY.multipliedBy(Math.max(1, Math.min(MAX_CHUNK_DAYS, chunkWindows / perDay)));
                }
            }
        }
        var out = new ArrayList<AuditFinding>();
        for (int i = 0; i < families.size(); i++) {
            out.add(finding(siteId, families.get(i), accs[i], settings, minNano));
        }
        out.sort(ORDER);
        return out;
    }

    /** Worst first: by verdict, then by the size of the remainder in percent (then kWh), then parent. */
    public static final Comparator<AuditFinding> ORDER = Comparator
            .comparing(AuditFinding::verdict)
            .thenComparing((AuditFinding a) -> a.unmeteredPercent().map(BigDecimal::abs).orElse(BigDecimal.ZERO),
                    Comparator.reverseOrder())
            .thenComparing(a -> Math.abs(a.unmeteredNano()), Comparator.reverseOrder())
            .thenComparing(AuditFinding::parent);

    private static void day(Family f, Acc acc, Map<String, DaySeries> location, Map<String, DaySeries> market,
            AuditSettings settings, long minNano, WindowObserver observer) {
        var starts = starts(f, location);
        int nTerms = f.parentTerms().size() + f.childTerms().size();
        var locSeries = new DaySeries[nTerms];
        var mktSeries = new DaySeries[nTerms];
        var terms = new Family.Term[nTerms];
        int k = 0;
        for (var t : f.parentTerms()) {
            terms[k] = t;
            locSeries[k] = location.get(t.meterId());
            mktSeries[k++] = market.get(t.meterId());
        }
        for (var t : f.childTerms()) {
            terms[k] = t;
            locSeries[k] = location.get(t.meterId());
            mktSeries[k++] = market.get(t.meterId());
        }
        int nParent = f.parentTerms().size();
        var idx = new int[nTerms];
        for (long s : starts) {
            boolean complete = true;
            for (int j = 0; j < nTerms && complete; j++) {
                idx[j] = locSeries[j] == null ? -1 : locSeries[j].find(s);
                complete = idx[j] >= 0;
            }
            if (!complete) {
                acc.incomplete++;
                continue;
            }
            long p = 0;
            long c = 0;
            long locP = 0;
            long locC = 0;
            for (int j = 0; j < nTerms; j++) {
                long e = scale(terms[j], locSeries[j].amounts[idx[j]]);
                long g = scale(terms[j], locSeries[j].co2e[idx[j]]);
                if (j < nParent) {
                    p += e;
                    locP += g;
                } else {
                    c += e;
                    locC += g;
                }
            }
            long mkt = 0;
            boolean mktComplete = true;
            for (int j = 0; j < nTerms && mktComplete; j++) {
                int m = mktSeries[j] == null ? -1 : mktSeries[j].find(s);
                if (m < 0) {
                    mktComplete = false;
                } else {
                    long g = scale(terms[j], mktSeries[j].co2e[m]);
                    mkt += j < nParent ? g : -g;
                }
            }
            long r = p - c;
            boolean over = settings.over(p, r);
            acc.compared++;
            acc.parent += p;
            acc.children += c;
            acc.location += locP - locC;
            if (mktComplete) {
                acc.market += mkt;
            } else {
                acc.marketMissing = true;
            }
            if (over) {
                acc.over++;
            }
            if (r < 0 && -r > minNano) {
                acc.negative++;
            }
            observer.window(f, s, p, r, over);
        }
    }

    /** The union of the family's location-based window starts in the chunk, ascending. */
    private static long[] starts(Family f, Map<String, DaySeries> location) {
        int total = 0;
        var series = new ArrayList<DaySeries>();
        for (var t : f.parentTerms()) {
            var s = location.get(t.meterId());
            if (s != null) {
                series.add(s);
                total += s.n;
            }
        }
        for (var t : f.childTerms()) {
            var s = location.get(t.meterId());
            if (s != null) {
                series.add(s);
                total += s.n;
            }
        }
        var all = new long[total];
        int k = 0;
        for (var s : series) {
            System.arraycopy(s.starts, 0, all, k, s.n);
            k += s.n;
        }
        Arrays.sort(all);
        int u = 0;
        for (int i = 0; i < all.length; i++) {
            if (u == 0 || all[i] != all[u - 1]) {
                all[u++] = all[i];
            }
        }
        return Arrays.copyOf(all, u);
    }

    private static long scale(Family.Term t, long v) {
        long whole = t.whole();
        if (whole == 1) {
            return v;
        }
        if (whole > 0) {
            return Math.multiplyExact(whole, v);
        }
        return t.coefficient().multiply(BigDecimal.valueOf(v)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    static AuditFinding finding(String siteId, Family f, Acc acc, AuditSettings settings, long minNano) {
        long r = acc.parent - acc.children;
        AuditFinding.Verdict verdict;
        String note;
        if (acc.compared == 0) {
            verdict = AuditFinding.Verdict.NO_DATA;
            note = acc.incomplete == 0 ? "no windows in the period"
                    : "no window with the parent and every child present (" + acc.incomplete + " incomplete)";
        } else if (r < 0 && -r > minNano) {
            verdict = AuditFinding.Verdict.NEGATIVE_REMAINDER;
            note = "the children measured " + kwh(-r) + " kWh more than the parent: a CT reversed or on the wrong"
                    + " phase, a meter counted twice, or a missing parent link";
        } else if (settings.over(acc.parent, r)) {
            verdict = AuditFinding.Verdict.OVER_THRESHOLD;
            note = kwh(r) + " kWh unmetered, above " + settings.thresholdPercent().stripTrailingZeros().toPlainString()
                    + " %";
        } else if (acc.negative > 0) {
            verdict = AuditFinding.Verdict.NEGATIVE_WINDOWS;
            note = acc.negative + " window(s) with the children above the parent";
        } else {
            verdict = AuditFinding.Verdict.OK;
            note = "within " + settings.thresholdPercent().stripTrailingZeros().toPlainString() + " %";
        }
        if (acc.incomplete > 0 && acc.compared > 0) {
            note += "; " + acc.incomplete + " incomplete window(s) left out";
        }
        return new AuditFinding(siteId, f.kind(), f.parent(), f.childNames(), acc.parent, acc.children, acc.compared,
                acc.incomplete, acc.over, acc.negative, acc.location,
                acc.marketMissing || acc.compared == 0 ? Optional.empty() : Optional.of(acc.market), verdict, note);
    }

    static String kwh(long nano) {
        return BigDecimal.valueOf(nano).movePointLeft(9).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }
}
