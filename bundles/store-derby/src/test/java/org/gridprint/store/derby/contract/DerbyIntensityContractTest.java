package org.gridprint.store.derby.contract;

import java.nio.file.Path;

import org.gridprint.store.contract.IntensityContract;
import org.gridprint.store.contract.StoreHarness;
import org.gridprint.store.derby.DerbyHarness;

class DerbyIntensityContractTest extends IntensityContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new DerbyHarness(dir);
    }
}
