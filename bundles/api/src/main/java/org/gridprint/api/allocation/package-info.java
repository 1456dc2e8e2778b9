/**
 * Submetering and allocation contracts: production-job stamps, utility bills, meter log imports and the
 * allocation of a site's energy and both Scope 2 methods to departments, tenants or other tag values.
 * Semantically versioned: a minor bump adds, a major bump breaks.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gridprint.api.allocation;
