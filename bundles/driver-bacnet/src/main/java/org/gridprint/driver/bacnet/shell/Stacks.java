package org.gridprint.driver.bacnet.shell;

import org.gridprint.driver.bacnet.BacnetDriver;

/** The stack a command means: the one named, or the only one configured. */
final class Stacks {

    private Stacks() {
    }

    static String pick(BacnetDriver driver, String named) {
        if (named != null) {
            return named;
        }
        var all = driver.stacks();
        if (all.size() == 1) {
            return all.get(0).settings().id();
        }
        throw new IllegalArgumentException("--stack is missing: expected one of " + String.join(", ",
                all.stream().map(s -> s.settings().id()).toList()) + (all.isEmpty()
                        ? "(no stack configured: etc/org.gridprint.driver.bacnet.stack-<name>.cfg)" : ""));
    }
}
