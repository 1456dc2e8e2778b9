package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.IntensityContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresIntensityTest extends IntensityContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
