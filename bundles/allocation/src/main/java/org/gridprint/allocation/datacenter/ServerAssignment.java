package org.gridprint.allocation.datacenter;

/**
 * A server whose energy is estimated: its UTILISATION meter (readings in %), the tenant it serves and its server type.
 */
record ServerAssignment(String tenant, String meterId, String type) {
}
