package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.ScanContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresScanTest extends ScanContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
