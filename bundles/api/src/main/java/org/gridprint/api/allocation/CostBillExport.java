package org.gridprint.api.allocation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A written cost-bill CSV: the file, its SHA-256 (also in {@code <file>.sha256}, sha256sum format) and its rows.
 */
public record CostBillExport(Path file, String sha256, long rows) {

    public CostBillExport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }
}
