package org.gridprint.allocation.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;

/** An in-memory record register following the contract: versions per key, same text stores nothing, refs unique. */
final class MemoryRegister implements RecordRegister {

    private final Map<String, List<RegisterRecord>> records = new TreeMap<>();
    private long nextRef = 1;
    int puts;

    @Override
    public synchronized RegisterRecord put(String register, String key, String text, String reason) {
        var h = records.computeIfAbsent(register + "\u0000" + key, k -> new ArrayList<>());
        if (!h.isEmpty() && h.get(h.size() - 1).text().equals(text)) {
            return h.get(h.size() - 1);
        }
        puts++;
        var r = new RegisterRecord(nextRef++, register, key, h.size() + 1, text, reason, Instant.EPOCH.plusSeconds(puts));
        h.add(r);
        return r;
    }

    @Override
    public synchronized Optional<RegisterRecord> putIfVersion(String register, String key, String text, String reason,
            int expectedVersion) {
        var h = records.getOrDefault(register + "\u0000" + key, List.of());
        int currentVersion = h.isEmpty() ? 0 : h.get(h.size() - 1).version();
        if (currentVersion != expectedVersion) {
            return Optional.empty();
        }
        return Optional.of(put(register, key, text, reason));
    }

    @Override
    public synchronized Optional<RegisterRecord> get(String register, String key) {
        var h = records.getOrDefault(register + "\u0000" + key, List.of());
        return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    @Override
    public synchronized Optional<RegisterRecord> byRef(long ref) {
        return records.values().stream().flatMap(List::stream).filter(r -> r.ref() == ref).findFirst();
    }

    @Override
    public synchronized List<RegisterRecord> list(String register) {
        return records.values().stream().filter(h -> h.get(0).register().equals(register))
                .map(h -> h.get(h.size() - 1)).toList();
    }

    @Override
    public synchronized List<RegisterRecord> history(String register, String key) {
        return List.copyOf(records.getOrDefault(register + "\u0000" + key, List.of()));
    }
}
