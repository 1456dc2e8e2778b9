package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;
import org.junit.jupiter.api.Test;

/** RecordRegister: versions by key, refs, compare-and-set, limits, durability, ledger coverage. */
public abstract class RegisterContract extends CarbonContractBase {

    static final String CAMX = "unit=lb/MWh\nvalue=499.3\nsource=EPA eGRID2022\n";

    @Test
    void putStoresVersionOneAndTheSameTextAgainChangesNothing() {
        var r1 = register().put("factor", "egrid2022/CAMX/co2e", CAMX, "initial");
        assertTrue(r1.ref() > 0, "refs are > 0");
        assertEquals(1, r1.version());
        assertEquals("factor", r1.register());
        assertEquals("egrid2022/CAMX/co2e", r1.key());
        assertEquals(CAMX, r1.text());
        assertEquals("initial", r1.reason());
        var head = ledger().head().orElseThrow(() -> new AssertionError("a put is a ledger entry"));
        var again = register().put("factor", "egrid2022/CAMX/co2e", CAMX, "again");
        assertEquals(r1, again, "the same text returns the current record");
        assertEquals(head, ledger().head().orElseThrow(), "and writes no entry");
        assertEquals(Optional.of(r1), register().get("factor", "egrid2022/CAMX/co2e"));
        assertEquals(Optional.of(r1), register().byRef(r1.ref()));
    }

    @Test
    void aChangedTextIsTheNextVersionWithANewRefAndTheOldOneStays() {
        var r1 = register().put("factor", "k", CAMX, "initial");
        var r2 = register().put("factor", "k", CAMX.replace("499.3", "499.4"), "EPA correction");
        assertEquals(2, r2.version());
        assertNotEquals(r1.ref(), r2.ref());
        assertTrue(r2.ref() > 0);
        assertEquals("EPA correction", r2.reason());
        assertEquals(Optional.of(r2), register().get("factor", "k"));
        assertEquals(Optional.of(r1), register().byRef(r1.ref()), "an old version keeps its ref");
        assertEquals(List.of(r1, r2), register().history("factor", "k"));
        assertEquals(List.of(), register().history("factor", "absent"));
        assertEquals(Optional.empty(), register().get("factor", "absent"));
        assertEquals(Optional.empty(), register().get("instrument", "k"), "registers are apart");
        assertEquals(Optional.empty(), register().byRef(r2.ref() + 1000));
    }

    @Test
    void listGivesTheCurrentVersionOfEveryKeyByKey() {
        register().put("instrument", "rec-2", "mwh=5", "initial");
        var b = register().put("instrument", "rec-1", "mwh=10", "initial");
        var b2 = register().put("instrument", "rec-1", "mwh=4", "used 6 MWh");
        register().put("offset", "o-1", "t=1", "initial");
        var list = register().list("instrument");
        assertEquals(List.of("rec-1", "rec-2"), list.stream().map(RegisterRecord::key).toList());
        assertEquals(b2, list.get(0));
        assertNotEquals(b, list.get(0));
        assertEquals(List.of(), register().list("asset"));
    }

    @Test
    void putIfVersionIsACompareAndSet() {
        var r1 = register().putIfVersion("instrument-use", "rec-1", "used=0", "initial", 0).orElseThrow();
        assertEquals(1, r1.version());
        assertEquals(Optional.empty(), register().putIfVersion("instrument-use", "rec-1", "used=1", "x", 0),
                "0 means the key must be new");
        var r2 = register().putIfVersion("instrument-use", "rec-1", "used=1", "window w1", 1).orElseThrow();
        assertEquals(2, r2.version());
        var head = ledger().head().orElseThrow();
        assertEquals(Optional.empty(), register().putIfVersion("instrument-use", "rec-1", "used=2", "stale", 1));
        assertEquals(head, ledger().head().orElseThrow(), "a refused compare-and-set writes nothing");
        assertEquals(Optional.of(r2), register().putIfVersion("instrument-use", "rec-1", "used=1", "same", 2),
                "the same text at the expected version is the current record, unchanged");
        assertEquals(Optional.empty(), register().putIfVersion("instrument-use", "new", "x", "r", 3));
        assertEquals(Optional.empty(), register().get("instrument-use", "new"));
    }

    @Test
    void twoWritersNeverLoseAnUpdate() throws Exception {
        register().put("instrument-use", "rec-1", "0", "initial");
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var start = new CountDownLatch(1);
            Future<Integer> a = pool.submit(() -> increments(start, perThread));
            Future<Integer> b = pool.submit(() -> increments(start, perThread));
            start.countDown();
            int retries = a.get(120, TimeUnit.SECONDS) + b.get(120, TimeUnit.SECONDS);
            var current = register().get("instrument-use", "rec-1").orElseThrow();
            assertEquals(String.valueOf(2 * perThread), current.text(), "retries: " + retries);
            assertEquals(2 * perThread + 1, current.version());
            assertEquals(2 * perThread + 1, register().history("instrument-use", "rec-1").size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Adds 1 to the counter {@code n} times by compare-and-set; returns the refused attempts. */
    private int increments(CountDownLatch start, int n) throws InterruptedException {
        start.await();
        RecordRegister reg = register();
        int refused = 0;
        for (int done = 0, attempts = 0; done < n; attempts++) {
            if (attempts > 100_000) {
                throw new AssertionError("no progress after " + attempts + " attempts");
            }
            var cur = reg.get("instrument-use", "rec-1").orElseThrow();
            var next = String.valueOf(Integer.parseInt(cur.text()) + 1);
            if (reg.putIfVersion("instrument-use", "rec-1", next, "use", cur.version()).isPresent()) {
                done++;
            } else {
                refused++;
            }
        }
        return refused;
    }

    @Test
    void namesAndTextsBeyondTheLimitsAreRefusedNamingWhich() {
        var longName = "r".repeat(RecordRegister.MAX_NAME_CHARS + 1);
        var e1 = assertThrows(IllegalArgumentException.class, () -> register().put(longName, "k", "t", "r"));
        assertTrue(e1.getMessage().contains("register"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> register().put("factor", longName, "t", "r"));
        assertTrue(e2.getMessage().contains("key"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> register().put("", "k", "t", "r"));
        assertTrue(e3.getMessage().contains("register"), e3.getMessage());
        // 32,768 × 'é' = 65,536 UTF-8 bytes: the largest text; one more byte is refused
        var largest = "é".repeat(RecordRegister.MAX_TEXT_BYTES / 2);
        var r = register().put("asset", "big", largest, "initial");
        assertEquals(largest, register().byRef(r.ref()).orElseThrow().text());
        var e4 = assertThrows(IllegalArgumentException.class, () -> register().put("asset", "big2", largest + "x",
                "r"));
        assertTrue(e4.getMessage().contains("text") && e4.getMessage().contains("65536"), e4.getMessage());
        assertEquals(Optional.empty(), register().get("asset", "big2"));
        var special = register().put("site-location", "hq\tb1", "lat=51.5\r\nlon=-0.1\\", "tab\tin reason");
        assertEquals(special, register().get("site-location", "hq\tb1").orElseThrow());
    }

    @Test
    void recordsOutliveACloseAndACrashAndRefsStayUnique() throws Exception {
        var r1 = register().put("factor", "a", "1", "initial");
        harness.reopen();
        assertEquals(Optional.of(r1), register().byRef(r1.ref()));
        var r2 = register().put("factor", "a", "2", "changed");
        harness.crashAndReopen();
        assertEquals(Optional.of(r2), register().get("factor", "a"));
        var r3 = register().put("factor", "b", "3", "initial");
        assertTrue(r3.ref() != r1.ref() && r3.ref() != r2.ref(), "refs are never reused: " + r1 + r2 + r3);
        assertIntact(ledger().verify());
    }

    @Test
    void anEditedTextIsFoundAndNamed() throws Exception {
        register().put("factor", "a", "1", "initial");
        var r = register().put("factor", "egrid2022/CAMX/co2e", CAMX, "initial");
        long entry = ledger().head().orElseThrow().batchId();
        register().put("factor", "c", "3", "initial");
        assertIntact(ledger().verify());
        try {
            harness.editRegisterText(r.ref(), CAMX.replace("499.3", "299.3"));
        } catch (UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.abort(e.getMessage());
        }
        var broken = assertBroken(ledger().verify());
        assertEquals(List.of(entry), namedEntries(broken), () -> "findings " + broken.findings());
        assertTrue(broken.findings().stream().anyMatch(f -> f.row().filter(row -> row.contains("factor")
                && row.contains("egrid2022/CAMX/co2e")).isPresent()),
                () -> "a finding must name the record: " + broken.findings());
    }
}
