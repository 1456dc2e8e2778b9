package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.WindowStoreContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresWindowStoreTest extends WindowStoreContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
