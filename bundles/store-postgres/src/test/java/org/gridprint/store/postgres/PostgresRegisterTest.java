package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.RegisterContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresRegisterTest extends RegisterContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
