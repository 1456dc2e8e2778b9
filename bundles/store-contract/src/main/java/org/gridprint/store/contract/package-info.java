/**
 * The store contract test suite: abstract JUnit 5 classes that every store backend subclasses with its own
 * {@link org.gridprint.store.contract.StoreHarness} (see README.md of this module).
 */
package org.gridprint.store.contract;
