/**
 * Access-control contracts: short-lived signed tokens issued to Karaf users for the HTTPS API.
 * Semantically versioned: a minor bump adds, a major bump breaks.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gridprint.api.security;
