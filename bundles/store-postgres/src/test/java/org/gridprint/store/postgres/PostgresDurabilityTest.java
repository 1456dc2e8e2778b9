package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.DurabilityContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresDurabilityTest extends DurabilityContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
