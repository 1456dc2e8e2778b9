package org.gridprint.api.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What to export.
 *
 * @param from          period start (inclusive, intervals starting at or after it)
 * @param to            period end (exclusive, intervals ending at or before it)
 * @param meterPatterns meter ids or globs ({@code hq/b1/*}); empty for all meters
 * @param target        file to write
 */
public record ExportRequest(Instant from, Instant to, List<String> meterPatterns, Path target) {

    public ExportRequest {
        meterPatterns = List.copyOf(meterPatterns);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("export period must end after it starts: " + from + " .. " + to);
        }
    }
}
