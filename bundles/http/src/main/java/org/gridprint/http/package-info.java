/**
 * The HTTPS ingest and query API: a servlet on the OSGi HTTP Whiteboard at /api/v1. Private to the bundle.
 */
package org.gridprint.http;
