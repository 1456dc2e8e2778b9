package org.gridprint.store.derby.contract;

import java.nio.file.Path;

import org.gridprint.store.contract.AuditorContract;
import org.gridprint.store.contract.StoreHarness;
import org.gridprint.store.derby.DerbyHarness;

class DerbyAuditorContractTest extends AuditorContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new DerbyHarness(dir);
    }
}
