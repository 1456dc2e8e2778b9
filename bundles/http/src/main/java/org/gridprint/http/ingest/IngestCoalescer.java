package org.gridprint.http.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.Reading;

/**
 * Group commit for concurrent requests of the same source ({@code http/<user>}): while one request's batch is being
 * committed, the requests that arrive queue up, and the next of them submits all queued readings as ONE
 * {@link IngestService#submit} (one durable store transaction, up to {@code maxReadings}), then hands each request
 * its own slice of the outcomes. No timer and no added wait: a lone request is submitted at once. The store's
 * in-batch rule classifies a combined batch exactly as it would the same readings in consecutive batches (ledger
 * spec, section 2), so the outcomes are the same. A failed submit fails every request of that group (nothing of it
 * was stored: all or nothing).
 */
public final class IngestCoalescer {

    private final int maxReadings;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    public IngestCoalescer(int maxReadings) {
        this.maxReadings = maxReadings;
    }

    private static final class Ticket {
        final List<Reading> readings;
        final CompletableFuture<IngestResult> result = new CompletableFuture<>();

        Ticket(List<Reading> readings) {
            this.readings = readings;
        }
    }

    private static final class Lane {
        final ReentrantLock writer = new ReentrantLock();
        final ArrayDeque<Ticket> queue = new ArrayDeque<>();
    }

    /** Submits {@code readings} (non-empty), possibly together with other requests of the same source. */
    public IngestResult submit(IngestService ingest, String source, List<Reading> readings) {
        var lane = lanes.computeIfAbsent(source, s -> new Lane());
        var ticket = new Ticket(readings);
        synchronized (lane.queue) {
            lane.queue.addLast(ticket);
        }
        while (!ticket.result.isDone()) {
            lane.writer.lock();
            try {
                if (ticket.result.isDone()) {
                    break;
                }
                var group = new ArrayList<Ticket>();
                int size = 0;
                synchronized (lane.queue) {
                    while (!lane.queue.isEmpty()
                            && (group.isEmpty() || size + lane.queue.peekFirst().readings.size() <= maxReadings)) {
                        var t = lane.queue.pollFirst();
                        group.add(t);
                        size += t.readings.size();
                    }
                }
                commit(ingest, source, group, size);
            } finally {
                lane.writer.unlock();
            }
        }
        try {
            return ticket.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the readings were submitted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Requests of {@code source} waiting for their turn (for tests). */
    int queued(String source) {
        var lane = lanes.get(source);
        if (lane == null) {
            return 0;
        }
        synchronized (lane.queue) {
            return lane.queue.size();
        }
    }

    private static void commit(IngestService ingest, String source, List<Ticket> group, int size) {
        if (group.isEmpty()) {
            return;
        }
        if (group.size() == 1) {
            var only = group.get(0);
            try {
                only.result.complete(ingest.submit(source, only.readings));
            } catch (RuntimeException e) {
                only.result.completeExceptionally(e);
            }
            return;
        }
        var all = new ArrayList<Reading>(size);
        group.forEach(t -> all.addAll(t.readings));
        IngestResult combined;
        try {
            combined = ingest.submit(source, all);
        } catch (RuntimeException e) {
            group.forEach(t -> t.result.completeExceptionally(e));
            return;
        }
        int offset = 0;
        for (var t : group) {
            var outcomes = combined.outcomes().subList(offset, offset + t.readings.size());
            offset += t.readings.size();
            var stored = outcomes.stream().anyMatch(o -> o instanceof IngestOutcome.Accepted);
            t.result.complete(new IngestResult(outcomes, stored ? combined.ledgerEntry() : Optional.empty()));
        }
    }
}
