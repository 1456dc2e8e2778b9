/** Signed tokens and Gridprint roles of Karaf users (bundle-private). */
package org.gridprint.security;
