/**
 * Edge mode: the durable outbox an edge instance forwards to its central instance from. The store that holds the
 * readings holds the outbox too, written in the same transaction as each stored batch, so that no crash can lose a
 * reading between being stored and being queued. Semantically versioned: a minor bump adds, a major bump breaks.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gridprint.api.edge;
