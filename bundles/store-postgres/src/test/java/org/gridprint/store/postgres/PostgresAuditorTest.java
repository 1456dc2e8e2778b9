package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.AuditorContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresAuditorTest extends AuditorContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
