package org.gridprint.carbon.market.fakes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;

/** An in-memory {@link RecordRegister} following the contract (versions, compare-and-set, refs > 0, limits). */
public final class MemoryRegister implements RecordRegister {

    private final Map<String, List<RegisterRecord>> byKey = new TreeMap<>();
    private final List<RegisterRecord> byRef = new ArrayList<>();
    /** Run before every putIfVersion (lets a test slip in a concurrent writer); reset to null after one run. */
    public Runnable beforeCas;
    /** Run once before the first putIfVersion on a key of this register starting with {@link #beforeCasPrefix}. */
    public Runnable beforeCasOnKey;
    public String beforeCasPrefix = "";
    public int puts;

    @Override
    public synchronized RegisterRecord put(String register, String key, String text, String reason) {
        check(register, key, text);
        var current = get(register, key);
        if (current.isPresent() && current.get().text().equals(text)) {
            return current.get();
        }
        return append(register, key, text, reason, current.map(RegisterRecord::version).orElse(0) + 1);
    }

    @Override
    public Optional<RegisterRecord> putIfVersion(String register, String key, String text, String reason,
            int expectedVersion) {
        var hook = beforeCas;
        if (hook != null) {
            beforeCas = null;
            hook.run();
        }
        var keyHook = beforeCasOnKey;
        if (keyHook != null && key.startsWith(beforeCasPrefix)) {
            beforeCasOnKey = null;
            keyHook.run();
        }
        synchronized (this) {
            check(register, key, text);
            var current = get(register, key);
            int version = current.map(RegisterRecord::version).orElse(0);
            if (version != expectedVersion) {
                return Optional.empty();
            }
            if (current.isPresent() && current.get().text().equals(text)) {
                return current;
            }
            return Optional.of(append(register, key, text, reason, version + 1));
        }
    }

    private RegisterRecord append(String register, String key, String text, String reason, int version) {
        puts++;
        var r = new RegisterRecord(byRef.size() + 1, register, key, version, text, reason, Instant.EPOCH);
        byRef.add(r);
        byKey.computeIfAbsent(register + "\u0000" + key, k -> new ArrayList<>()).add(r);
        return r;
    }

    @Override
    public synchronized Optional<RegisterRecord> get(String register, String key) {
        var h = byKey.get(register + "\u0000" + key);
        return h == null ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    @Override
    public synchronized Optional<RegisterRecord> byRef(long ref) {
        return ref < 1 || ref > byRef.size() ? Optional.empty() : Optional.of(byRef.get((int) ref - 1));
    }

    @Override
    public synchronized List<RegisterRecord> list(String register) {
        var out = new ArrayList<RegisterRecord>();
        for (var e : byKey.entrySet()) {
            if (e.getKey().startsWith(register + "\u0000")) {
                out.add(e.getValue().get(e.getValue().size() - 1));
            }
        }
        return out;
    }

    @Override
    public synchronized List<RegisterRecord> history(String register, String key) {
        return List.copyOf(byKey.getOrDefault(register + "\u0000" + key, List.of()));
    }

    private static void check(String register, String key, String text) {
        if (register.length() > MAX_NAME_CHARS || key.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("register or key name longer than " + MAX_NAME_CHARS + ": " + key);
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("text longer than " + MAX_TEXT_BYTES + " bytes");
        }
    }
}
