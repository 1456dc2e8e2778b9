package org.gridprint.store.derby;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;

/**
 * Reads the verify checkpoint file ({@value StoreFiles#VERIFY_CHECKPOINT}) for {@code status()}: the last verified
 * entry id, its hash and, when present, when it was verified. Accepted shapes: one line
 * {@code <entryId> <hash> [<epoch millis>]}, or {@code key=value} lines with {@code entryId}, {@code hash} and
 * {@code verifiedAt} (epoch millis or ISO instant). Anything else reads as no checkpoint: the status is a view,
 * verify is what judges the file.
 */
final class CheckpointFile {

    record Claim(long entryId, String hash, Optional<Instant> verifiedAt) {
    }

    private CheckpointFile() {
    }

    static Optional<Claim> read(Path storeDir) {
        String text;
        try {
            text = Files.readString(storeDir.resolve(StoreFiles.VERIFY_CHECKPOINT), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) { // absent (NoSuchFileException) or unreadable: no claim
            return Optional.empty();
        }
        return parse(text);
    }

    static Optional<Claim> parse(String text) {
        var keys = new HashMap<String, String>();
        String firstLine = null;
        for (var raw : text.split("\n")) {
            var line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                keys.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            } else if (firstLine == null) {
                firstLine = line;
            }
        }
        try {
            if (keys.containsKey("entryId") && keys.containsKey("hash")) {
                return claim(keys.get("entryId"), keys.get("hash"), keys.get("verifiedAt"));
            }
            if (firstLine != null) {
                var t = firstLine.split("\\s+");
                if (t.length >= 2) {
                    return claim(t[0], t[1], t.length >= 3 ? t[2] : null);
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Claim> claim(String id, String hash, String at) {
        if (!hash.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Optional<Instant> when = Optional.empty();
        if (at != null && !at.isBlank()) {
            when = Optional.of(at.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(at))
                    : Instant.parse(at));
        }
        return Optional.of(new Claim(Long.parseLong(id), hash, when));
    }
}
