package org.gridprint.carbon.intensity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;

/** An in-memory {@link RecordRegister} following the contract (versions kept, same text stores nothing). */
final class FakeRecordRegister implements RecordRegister {

    private final List<RegisterRecord> records = new ArrayList<>();

    @Override
    public synchronized RegisterRecord put(String register, String key, String text, String reason) {
        var cur = get(register, key);
        if (cur.isPresent() && cur.get().text().equals(text)) {
            return cur.get();
        }
        var r = new RegisterRecord(records.size() + 1, register, key, cur.map(c -> c.version() + 1).orElse(1), text,
                reason, Instant.EPOCH);
        records.add(r);
        return r;
    }

    @Override
    public synchronized Optional<RegisterRecord> putIfVersion(String register, String key, String text,
            String reason, int expectedVersion) {
        int v = get(register, key).map(RegisterRecord::version).orElse(0);
        return v == expectedVersion ? Optional.of(put(register, key, text, reason)) : Optional.empty();
    }

    @Override
    public synchronized Optional<RegisterRecord> get(String register, String key) {
        return history(register, key).stream().reduce((a, b) -> b);
    }

    @Override
    public synchronized Optional<RegisterRecord> byRef(long ref) {
        return records.stream().filter(r -> r.ref() == ref).findFirst();
    }

    @Override
    public synchronized List<RegisterRecord> list(String register) {
        return records.stream().filter(r -> r.register().equals(register)).map(r -> get(register, r.key()).get())
                .distinct().toList();
    }

    @Override
    public synchronized List<RegisterRecord> history(String register, String key) {
        return records.stream().filter(r -> r.register().equals(register) && r.key().equals(key)).toList();
    }
}
