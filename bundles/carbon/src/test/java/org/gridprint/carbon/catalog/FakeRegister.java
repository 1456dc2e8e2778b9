package org.gridprint.carbon.catalog;

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

/** An in-memory RecordRegister following the contract (versions kept, same text = unchanged, refs > 0). */
final class FakeRegister implements RecordRegister {

    private final Map<String, List<RegisterRecord>> byKey = new TreeMap<>();
    private final Map<Long, RegisterRecord> byRef = new HashMap<>();
    private long nextRef = 1;
    int puts;

    @Override
    public synchronized RegisterRecord put(String register, String key, String text, String reason) {
        puts++;
        check(register, key, text);
        var versions = byKey.computeIfAbsent(register + "\u0000" + key, k -> new ArrayList<>());
        if (!versions.isEmpty() && versions.get(versions.size() - 1).text().equals(text)) {
            return versions.get(versions.size() - 1);
        }
        var r = new RegisterRecord(nextRef++, register, key, versions.size() + 1, text, reason, Instant.EPOCH);
        versions.add(r);
        byRef.put(r.ref(), r);
        return r;
    }

    @Override
    public synchronized Optional<RegisterRecord> putIfVersion(String register, String key, String text, String reason,
            int expectedVersion) {
        var current = get(register, key);
        if (current.map(RegisterRecord::version).orElse(0) != expectedVersion) {
            return Optional.empty();
        }
        return Optional.of(put(register, key, text, reason));
    }

    @Override
    public synchronized Optional<RegisterRecord> get(String register, String key) {
        var versions = byKey.get(register + "\u0000" + key);
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    @Override
    public synchronized Optional<RegisterRecord> byRef(long ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    @Override
    public synchronized List<RegisterRecord> list(String register) {
        var out = new ArrayList<RegisterRecord>();
        byKey.forEach((k, v) -> {
            if (k.startsWith(register + "\u0000")) {
                out.add(v.get(v.size() - 1));
            }
        });
        return out;
    }

    @Override
    public synchronized List<RegisterRecord> history(String register, String key) {
        return List.copyOf(byKey.getOrDefault(register + "\u0000" + key, List.of()));
    }

    /** Replaces a stored text in place (what a tamperer or a foreign writer would do). */
    synchronized void overwrite(long ref, String text) {
        var r = byRef.get(ref);
        var edited = new RegisterRecord(r.ref(), r.register(), r.key(), r.version(), text, r.reason(), r.recordedAt());
        byRef.put(ref, edited);
    }

    private static void check(String register, String key, String text) {
        if (register.isEmpty() || register.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("register name '" + register + "' is empty or too long");
        }
        if (key.isEmpty() || key.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("key '" + key + "' is empty or longer than " + MAX_NAME_CHARS);
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("text of " + key + " is longer than " + MAX_TEXT_BYTES + " bytes");
        }
    }
}
