package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.ConcurrencyContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresConcurrencyTest extends ConcurrencyContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
