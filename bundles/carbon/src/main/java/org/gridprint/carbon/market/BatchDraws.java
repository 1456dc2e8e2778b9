package org.gridprint.carbon.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.carbon.WindowKey;

/**
 * The draws of one call's windows, planned together and committed with one compare-and-set per instrument balance
 * instead of one per window (a year recomputed in one call writes each balance once, plus the uses that changed).
 * <p>
 * First, each window gives back what it may no longer hold (a suspect spike, an instrument no longer eligible, the
 * excess of a window that shrank), one window at a time. Plan: windows in consumption order; a window keeps its
 * earlier instrument first if still eligible; availability is {@code capacity − (balance read + what earlier windows
 * of this call drew)}. The sum of the uses never exceeds the balance, and the balance never exceeds the capacity, at
 * any moment.
 * Commit: (1) each balance raised by the call's draws, by compare-and-set against the version planned with (a lost
 * race undoes the raises done and plans again); (2) each changed use by compare-and-set against the version read (a
 * lost race gives that window's raise back and settles that window alone with {@link InstrumentDraws#settle});
 * (3) balances lowered by what the written uses gave back. Bounded: after {@value InstrumentDraws#MAX_TRIES} lost races
 * every window is settled alone.
 */
final class BatchDraws {

    /** What a window wants: its key and amount, whether it may draw at all, its eligible instruments in order. */
    record Want(WindowKey key, long amountNano, boolean mayDraw, List<Candidate> eligible) {
    }

    /** What it holds after the call: the instrument (null: none) and the nano-kWh it covers. */
    record Got(Candidate instrument, long coveredNano) {
        static final Got NONE = new Got(null, 0);
    }

    private record Entry(int index, Optional<InstrumentDraws.Use> earlier, Candidate instrument, long drawn,
            Map<String, Long> deltas, boolean changed) {
    }

    private final InstrumentDraws draws;
    private final String siteId;

    BatchDraws(InstrumentDraws draws, String siteId) {
        this.draws = draws;
        this.siteId = siteId;
    }

    List<Got> settle(List<Want> wants) {
        var known = giveBackFirst(wants);
        for (int attempt = 0; attempt < InstrumentDraws.MAX_TRIES; attempt++) {
            var result = tryOnce(wants, attempt == 0 ? known : null);
            if (result != null) {
                return result;
            }
        }
        var out = new ArrayList<Got>(wants.size());
        for (var w : wants) {
            out.add(settleAlone(w));
        }
        return out;
    }

    /**
     * Gives back, before anything is planned, what windows may no longer hold: all of it for a window that may not
     * draw (a suspect spike) or whose instrument is no longer eligible, the excess for a window that shrank. So the
     * plan only ever draws, capacity freed by this call serves this call, and the same inputs give the same draws.
     *
     * @return the uses read, by index, for the windows left untouched (null entries: read again)
     */
    private List<Optional<InstrumentDraws.Use>> giveBackFirst(List<Want> wants) {
        var uses = new ArrayList<Optional<InstrumentDraws.Use>>(wants.size());
        for (var w : wants) {
            var earlier = draws.use(w.key());
            if (earlier.isEmpty() || earlier.get().drawnNano() == 0) {
                uses.add(earlier);
                continue;
            }
            var id = earlier.get().instrumentId();
            var kept = w.mayDraw() ? w.eligible().stream().filter(c -> c.id().equals(id)).findFirst()
                    : Optional.<Candidate>empty();
            if (kept.isEmpty()) {
                draws.release(w.key(), siteId);
                uses.add(null);
            } else if (earlier.get().drawnNano() > w.amountNano()) {
                draws.settle(w.key(), siteId, id, kept.get().capacityNano(), w.amountNano());
                uses.add(null);
            } else {
                uses.add(earlier);
            }
        }
        return uses;
    }

    /** One plan and commit; null when a balance changed under it (plan again). */
    private List<Got> tryOnce(List<Want> wants, List<Optional<InstrumentDraws.Use>> known) {
        var balances = new HashMap<String, InstrumentDraws.Balance>();
        var planned = new HashMap<String, Long>();
        var entries = new ArrayList<Entry>(wants.size());
        for (int i = 0; i < wants.size(); i++) {
            var w = wants.get(i);
            var earlier = known != null && known.get(i) != null ? known.get(i) : draws.use(w.key());
            boolean holds = earlier.isPresent() && earlier.get().drawnNano() > 0;
            Candidate got = null;
            long grant = 0;
            if (w.mayDraw()) {
                var order = new ArrayList<Candidate>(w.eligible());
                if (holds) {
                    for (int k = 0; k < order.size(); k++) {
                        if (order.get(k).id().equals(earlier.get().instrumentId())) {
                            order.add(0, order.remove(k));
                            break;
                        }
                    }
                }
                for (var c : order) {
                    var b = balances.computeIfAbsent(c.id(), draws::balance);
                    long earlierOn = holds && earlier.get().instrumentId().equals(c.id()) ? earlier.get().drawnNano() : 0;
                    long used = b.drawnNano() + planned.getOrDefault(c.id(), 0L) - earlierOn;
                    long g = Math.max(0, Math.min(w.amountNano(), c.capacityNano() - used));
                    if (g > 0) {
                        got = c;
                        grant = g;
                        break;
                    }
                }
            }
            var deltas = new TreeMap<String, Long>();
            if (holds) {
                deltas.merge(earlier.get().instrumentId(), -earlier.get().drawnNano(), Long::sum);
            }
            if (got != null) {
                deltas.merge(got.id(), grant, Long::sum);
            }
            deltas.values().removeIf(d -> d == 0);
            for (var d : deltas.entrySet()) {
                if (d.getValue() > 0) {
                    planned.merge(d.getKey(), d.getValue(), Long::sum);
                }
            }
            boolean changed = holds ? !(got != null && got.id().equals(earlier.get().instrumentId())
                    && grant == earlier.get().drawnNano()) : got != null;
            entries.add(new Entry(i, earlier, got, grant, deltas, changed));
        }
        // (1) raise the balances
        var raised = new ArrayList<String>();
        for (var e : new TreeMap<>(planned).entrySet()) {
            var seen = balances.get(e.getKey());
            if (!draws.casBalance(e.getKey(), seen, seen.drawnNano() + e.getValue(), wants.get(0).key())) {
                for (var id : raised) {
                    draws.adjust(id, -planned.get(id), wants.get(0).key());
                }
                return null;
            }
            raised.add(e.getKey());
        }
        // (2) the uses, (3) what they gave back
        var out = new ArrayList<Got>(wants.size());
        var lower = new TreeMap<String, Long>();
        for (var e : entries) {
            var want = wants.get(e.index());
            if (!e.changed()) {
                out.add(e.instrument() == null ? Got.NONE : new Got(e.instrument(), e.drawn()));
                continue;
            }
            String useInstrument = e.instrument() != null ? e.instrument().id()
                    : e.earlier().map(InstrumentDraws.Use::instrumentId).orElse(null);
            int version = e.earlier().map(InstrumentDraws.Use::version).orElse(0);
            if (useInstrument != null && draws.casUse(want.key(), siteId, useInstrument, e.drawn(), version)) {
                e.deltas().forEach((id, d) -> {
                    if (d < 0) {
                        lower.merge(id, d, Long::sum);
                    }
                });
                out.add(e.instrument() == null ? Got.NONE : new Got(e.instrument(), e.drawn()));
            } else {
                e.deltas().forEach((id, d) -> {
                    if (d > 0) {
                        draws.adjust(id, -d, want.key());
                    }
                });
                out.add(null);
            }
        }
        lower.forEach((id, d) -> draws.adjust(id, d, wants.get(0).key()));
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, settleAlone(wants.get(i)));
            }
        }
        return out;
    }

    /** One window on its own: give back what it may no longer hold, then draw on its instruments in order. */
    private Got settleAlone(Want w) {
        var earlier = draws.use(w.key());
        boolean holds = earlier.isPresent() && earlier.get().drawnNano() > 0;
        if (!w.mayDraw()) {
            if (holds) {
                draws.release(w.key(), siteId);
            }
            return Got.NONE;
        }
        var order = new ArrayList<Candidate>(w.eligible());
        if (holds) {
            boolean kept = false;
            for (int k = 0; k < order.size(); k++) {
                if (order.get(k).id().equals(earlier.get().instrumentId())) {
                    order.add(0, order.remove(k));
                    kept = true;
                    break;
                }
            }
            if (!kept) {
                draws.release(w.key(), siteId);
            }
        }
        for (var c : order) {
            long covered = draws.settle(w.key(), siteId, c.id(), c.capacityNano(), w.amountNano());
            if (covered > 0) {
                return new Got(c, covered);
            }
        }
        return Got.NONE;
    }
}
