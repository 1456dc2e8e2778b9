package org.gridprint.api.allocation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A statement written to a file, with its {@code <file>.sha256} sidecar (sha256sum format), and the record of the
 * issue in the ledgered register {@code tenant-statement} (key {@code <data center>/<tenant or (all)>/<from>/<to>}:
 * the figures, format, file name and SHA-256; a statement issued again with other figures or bytes is a new version).
 *
 * @param recordRef the register ref of the issue record, 0 when no register is available
 * @param version   the issue record's version (1 for the first issue of the period), 0 when not recorded
 * @since 1.0.0
 */
public record StatementFile(Path file, Path sidecar, String sha256, long bytes, long recordRef, int version) {

    public StatementFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sidecar, "sidecar");
        Objects.requireNonNull(sha256, "sha256");
    }
}
