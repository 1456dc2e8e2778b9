package org.gridprint.api.allocation;

import java.util.Objects;

import org.gridprint.api.carbon.AccountingMethod;

/**
 * A factor version (or instrument) that priced facility windows of a statement period, as the ledger references it.
 *
 * @param ref      its {@link org.gridprint.api.store.RecordRegister} ref
 * @param method   LOCATION_BASED or MARKET_BASED
 * @param id       the factor's id (or {@code instrument <id>} for a certificate), or the register key when the catalog
 *                 does not know the ref
 * @param edition  edition and revision as published, may be empty
 * @param source   publisher, table, row, may be empty
 * @param windows  number of facility windows of the period that reference it
 * @since 1.0.0
 */
public record FactorUse(long ref, AccountingMethod method, String id, String edition, String source, long windows) {

    public FactorUse {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(id, "id");
        edition = edition == null ? "" : edition;
        source = source == null ? "" : source;
    }
}
