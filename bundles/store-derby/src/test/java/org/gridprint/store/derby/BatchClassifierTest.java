package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.E;
import static org.gridprint.store.derby.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.junit.jupiter.api.Test;

/** The classification alone, in memory: series without block rows never need the database. */
class BatchClassifierTest {

    private final SeriesCatalog catalog = new SeriesCatalog(null);
    private final BatchClassifier classifier = new BatchClassifier(catalog, null);

    @Test
    void classifiesAgainstTheMemtableAndEarlierReadingsOfTheBatch() {
        var first = classifier.classify(List.of(reading("a", 2, 2.0), reading("a", 1, 1.0), reading("b", 1, 5.0),
                reading("a", 1, 1.0), reading("a", 2, 3.0)));
        var o = first.outcomes();
        assertInstanceOf(IngestOutcome.Accepted.class, o[0]);
        assertInstanceOf(IngestOutcome.Accepted.class, o[1], "older than the batch's latest, but a new key");
        assertInstanceOf(IngestOutcome.Accepted.class, o[2]);
        assertInstanceOf(IngestOutcome.Duplicate.class, o[3]);
        var conflict = assertInstanceOf(IngestOutcome.Conflict.class, o[4]);
        assertEquals(2.0, conflict.storedValue());
        assertEquals(List.of(conflict), first.conflicts());
        assertEquals(3, first.accepted().size());
        assertEquals(2, catalog.all().size());
        assertEquals(0, first.accepted().get(0).sourceId());

        var a = catalog.existing("a", E);
        for (var p : first.accepted()) {
            p.series().memtable.insert(p.row().ts(), p.reading().value(), (byte) 0, 1, p.sourceId());
        }
        var second = classifier.classify(List.of(reading("a", 1, 1.0), reading("a", 2, -2.0), reading("a", 3, 3.0)));
        assertInstanceOf(IngestOutcome.Duplicate.class, second.outcomes()[0]);
        assertEquals(2.0, assertInstanceOf(IngestOutcome.Conflict.class, second.outcomes()[1]).storedValue());
        assertInstanceOf(IngestOutcome.Accepted.class, second.outcomes()[2]);
        assertEquals(a, second.accepted().get(0).series());
    }

    @Test
    void negativeZeroIsTheSameValue() {
        classifier.classify(List.of(reading("a", 1, 0.0))).accepted()
                .forEach(p -> p.series().memtable.insert(p.row().ts(), 0.0, (byte) 0, 1, 0));
        assertInstanceOf(IngestOutcome.Duplicate.class, classifier.classify(List.of(reading("a", 1, -0.0))).outcomes()[0],
                "0.0 == -0.0: numerically equal values are duplicates");
        assertTrue(BatchClassifier.sameValue(Double.NaN, Double.NaN), "NaN stays a duplicate of NaN");
        assertFalse(BatchClassifier.sameValue(0.0, Double.MIN_VALUE));
    }
}
