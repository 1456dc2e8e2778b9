package org.gridprint.carbon.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;

/**
 * An in-memory {@link RecordRegister} following the contract: refs from 1 upwards, the same text again stores
 * nothing, a different text is the next version, putIfVersion is a compare-and-set, limits checked. No ledger.
 * Thread-safe (one lock).
 */
public final class FakeRecordRegister implements RecordRegister {

    private final Map<String, TreeMap<String, List<RegisterRecord>>> registers = new HashMap<>();
    private final Map<Long, RegisterRecord> byRef = new HashMap<>();
    private long nextRef = 1;
    private int writes;

    /** Versions written so far (puts that changed something). */
    public synchronized int writes() {
        return writes;
    }

    @Override
    public synchronized RegisterRecord put(String register, String key, String text, String reason) {
        check(register, key, text);
        var versions = registers.computeIfAbsent(register, r -> new TreeMap<>()).computeIfAbsent(key,
                k -> new ArrayList<>());
        if (!versions.isEmpty() && versions.get(versions.size() - 1).text().equals(text)) {
            return versions.get(versions.size() - 1);
        }
        var record = new RegisterRecord(nextRef++, register, key, versions.size() + 1, text, reason, Instant.now());
        versions.add(record);
        byRef.put(record.ref(), record);
        writes++;
        return record;
    }

    @Override
    public synchronized Optional<RegisterRecord> putIfVersion(String register, String key, String text, String reason,
            int expectedVersion) {
        check(register, key, text);
        var current = get(register, key);
        var currentVersion = current.map(RegisterRecord::version).orElse(0);
        if (currentVersion != expectedVersion) {
            return Optional.empty();
        }
        return Optional.of(put(register, key, text, reason));
    }

    private static void check(String register, String key, String text) {
        if (register == null || register.isEmpty() || register.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("register name must have 1.." + MAX_NAME_CHARS + " characters: "
                    + register);
        }
        if (key == null || key.isEmpty() || key.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("key of register " + register + " must have 1.." + MAX_NAME_CHARS
                    + " characters: " + key);
        }
        if (text == null || text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("text of " + register + "/" + key + " must be at most " + MAX_TEXT_BYTES
                    + " UTF-8 bytes");
        }
    }

    @Override
    public synchronized Optional<RegisterRecord> get(String register, String key) {
        var versions = registers.getOrDefault(register, new TreeMap<>()).get(key);
        return versions == null || versions.isEmpty() ? Optional.empty()
                : Optional.of(versions.get(versions.size() - 1));
    }

    @Override
    public synchronized Optional<RegisterRecord> byRef(long ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    @Override
    public synchronized List<RegisterRecord> list(String register) {
        var out = new ArrayList<RegisterRecord>();
        registers.getOrDefault(register, new TreeMap<>()).values().forEach(v -> out.add(v.get(v.size() - 1)));
        return out;
    }

    @Override
    public synchronized List<RegisterRecord> history(String register, String key) {
        return List.copyOf(registers.getOrDefault(register, new TreeMap<>()).getOrDefault(key, List.of()));
    }
}
