package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.TamperContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresTamperTest extends TamperContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
