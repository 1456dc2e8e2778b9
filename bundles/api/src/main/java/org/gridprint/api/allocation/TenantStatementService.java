package org.gridprint.api.allocation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Data-center tenant statements: the facility energy (utility mains) of each accounting window split to the tenants
 * by their IT energy (PDU/UPS meters, or server utilisation through a power model, labelled ESTIMATED), so that each
 * tenant carries its IT energy plus its share of the overhead (PUE per window), and the facility's location- and
 * market-based Scope 2 and certificates split the same way. The lines of all tenants and the unassigned IT add up to
 * the facility exactly, to the Wh and the gram.
 *
 * @since 1.0.0
 */
@ProviderType
public interface TenantStatementService {

    /** The configured data centers, by id. */
    List<DataCenterInfo> dataCenters();

    /**
     * @throws IllegalArgumentException an unknown data center or tenant, or a data center with a configuration error
     *                                  (the message names it and what exists)
     */
    TenantStatement statement(StatementRequest request);

    /** The statement as text, CSV or JSON. */
    String render(TenantStatement statement, StatementFormat format);

    /**
     * Writes the rendered statement to {@code file} (a regular file; an existing one only with {@code force}) and its
     * {@code <file>.sha256}, each through a temp file and an atomic move.
     *
     * @throws IOException naming the path and what is wrong with it
     */
    StatementFile write(TenantStatement statement, StatementFormat format, Path file, boolean force) throws IOException;
}
