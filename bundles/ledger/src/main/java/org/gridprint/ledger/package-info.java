/**
 * The ledger contract v2 shared by every store backend: the canonical encoding of ledger entries, the hash chain,
 * the idempotency rules, the outcome texts, the head log anchored outside the database and the verify checkpoint.
 * Specified in docs/ledger-spec.md so that an auditor can re-implement it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.gridprint.ledger;
