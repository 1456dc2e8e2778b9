package org.gridprint.api.allocation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Cost-recovery bills: a site's tariff (flat rate, time-of-use bands in the site's zone, demand charge per kW of the
 * target's peak window, fixed charge, tax) applied to the target windows of {@link AllocationService#allocate}.
 * Every computed bill is kept in the ledgered register ({@code cost-bill}); the same lines again store nothing.
 */
@ProviderType
public interface CostBillService {

    /**
     * One bill per target, by target name.
     *
     * @throws IllegalArgumentException an unknown site, tariff or target, or a site with several tariffs and none
     *                                  named (the message says which exist)
     * @throws IllegalStateException    no allocation service or store is running (the message says which)
     */
    List<CostBill> bills(CostBillRequest request);

    /**
     * Writes the bills as CSV (one row per line, every field of the bill's traceability repeated) and
     * {@code <file>.sha256}; an existing file is replaced only with {@code force}; only regular files are written.
     *
     * @throws IOException naming the file and what is wrong
     */
    CostBillExport export(List<CostBill> bills, Path file, boolean force) throws IOException;
}
