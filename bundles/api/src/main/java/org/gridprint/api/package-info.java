/** See the package's types; semantically versioned: a minor bump adds, a major bump breaks. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.gridprint.api;
