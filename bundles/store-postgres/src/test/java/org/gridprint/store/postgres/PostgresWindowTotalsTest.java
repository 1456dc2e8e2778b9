package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.WindowTotalsContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresWindowTotalsTest extends WindowTotalsContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
