package org.gridprint.http.security;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.gridprint.http.web.Reply;

/**
 * The first answer to each {@code Idempotency-Key}, per user, least recently used dropped beyond {@code perUser}.
 * A key sent again with the same request (method, path, query, body hash) gets that answer again; with a different
 * request it is refused (the caller decides: 422). A second request arriving while the first is still being answered
 * waits for it. Answers that say "try again" (5xx) are not kept.
 */
public final class IdempotencyCache {

    /** What {@link #claim} found. */
    public sealed interface Claim {
        /** The key is new: answer the request, then {@link IdempotencyCache#complete} or {@link IdempotencyCache#abandon}. */
        record First(Slot slot) implements Claim {
        }

        /** Answered before (or being answered now): the future completes with that answer. */
        record Replay(CompletableFuture<Reply> reply) implements Claim {
        }

        /** The key was used for a different request. */
        record Mismatch() implements Claim {
        }
    }

    /** One kept key. */
    public static final class Slot {
        final byte[] fingerprint;
        final CompletableFuture<Reply> reply = new CompletableFuture<>();

        Slot(byte[] fingerprint) {
            this.fingerprint = fingerprint.clone();
        }
    }

    private final int perUser;
    private final Map<String, Map<String, Slot>> byUser = new ConcurrentHashMap<>();

    public IdempotencyCache(int perUser) {
        this.perUser = perUser;
    }

    public boolean enabled() {
        return perUser > 0;
    }

    public Claim claim(String user, String key, byte[] fingerprint) {
        var map = byUser.computeIfAbsent(user, u -> new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
                return size() > perUser;
            }
        });
        synchronized (map) {
            var slot = map.get(key);
            if (slot == null) {
                slot = new Slot(fingerprint);
                map.put(key, slot);
                return new Claim.First(slot);
            }
            if (!Arrays.equals(slot.fingerprint, fingerprint)) {
                return new Claim.Mismatch();
            }
            return new Claim.Replay(slot.reply);
        }
    }

    public void complete(String user, String key, Slot slot, Reply reply) {
        if (!reply.replayable()) {
            abandon(user, key, slot, reply);
            return;
        }
        slot.reply.complete(reply);
    }

    /** The answer is not kept: waiting requests get it once, later ones start afresh. */
    public void abandon(String user, String key, Slot slot, Reply reply) {
        var map = byUser.get(user);
        if (map != null) {
            synchronized (map) {
                map.remove(key, slot);
            }
        }
        slot.reply.complete(reply);
    }

    /** Keys kept for {@code user} (for tests and status). */
    public int size(String user) {
        var map = byUser.get(user);
        if (map == null) {
            return 0;
        }
        synchronized (map) {
            return map.size();
        }
    }
}
