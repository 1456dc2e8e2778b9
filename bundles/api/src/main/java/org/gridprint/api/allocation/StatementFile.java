package org.gridprint.api.allocation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A statement written to a file, with its {@code <file>.sha256} sidecar (sha256sum format).
 *
 * @since 1.1.0
 */
public record StatementFile(Path file, Path sidecar, String sha256, long bytes) {

    public StatementFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sidecar, "sidecar");
        Objects.requireNonNull(sha256, "sha256");
    }
}
