package org.gridprint.store.derby.contract;

import java.nio.file.Path;

import org.gridprint.store.contract.TamperContract;
import org.gridprint.store.contract.StoreHarness;
import org.gridprint.store.derby.DerbyHarness;

class DerbyTamperContractTest extends TamperContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new DerbyHarness(dir);
    }
}
