package org.gridprint.driver.bacnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.Reading;

/** An IngestService that keeps what it is given and accepts all (the contract's shape; storage is tested elsewhere). */
final class CollectingIngest implements IngestService {

    final List<Reading> readings = new ArrayList<>();
    volatile boolean failing;

    @Override
    public synchronized IngestResult submit(String source, List<Reading> batch) {
        if (failing) {
            throw new IllegalStateException("store unavailable");
        }
        readings.addAll(batch);
        return new IngestResult(batch.stream().<IngestOutcome>map(IngestOutcome.Accepted::new).toList(),
                Optional.empty());
    }

    synchronized List<Reading> of(String meter, org.gridprint.api.Quantity q) {
        return readings.stream().filter(r -> r.meterId().equals(meter) && r.quantity() == q).toList();
    }

    synchronized void clear() {
        readings.clear();
    }
}
