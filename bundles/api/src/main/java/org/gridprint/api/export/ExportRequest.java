package org.gridprint.api.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to export.
 *
 * @param from          period start (inclusive, intervals starting at or after it)
 * @param to            period end (exclusive, intervals ending at or before it)
 * @param meterPatterns meter ids or globs ({@code hq/b1/*}); empty for all meters
 * @param target        file to write: a regular file path; a device node, directory or other non-regular file is
 *                      refused, and an existing file is refused unless {@code force}
 * @param force         replace an existing regular file at {@code target}
 * @param listener      told of progress during long exports
 * @since 1.1.0 {@code force}, {@code listener}
 */
public record ExportRequest(Instant from, Instant to, List<String> meterPatterns, Path target, boolean force,
        ExportListener listener) {

    public ExportRequest {
        meterPatterns = List.copyOf(meterPatterns);
        Objects.requireNonNull(target, "target");
        listener = listener == null ? ExportListener.NONE : listener;
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("export period must end after it starts: " + from + " .. " + to);
        }
    }

    /** A request that refuses an existing target and reports no progress. */
    public ExportRequest(Instant from, Instant to, List<String> meterPatterns, Path target) {
        this(from, to, meterPatterns, target, false, ExportListener.NONE);
    }
}
