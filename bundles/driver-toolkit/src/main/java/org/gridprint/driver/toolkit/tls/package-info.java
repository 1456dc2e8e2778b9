/**
 * TLS for client links of Gridprint bundles (package 1.0.0, new in this release): {@link TlsFiles} (the checked
 * trust/identity files of a configuration, errors naming PID and field), {@link TlsSocketFactories} (an
 * {@code SSLSocketFactory} from them, limited to the configured protocols, TLS 1.3 preferred), {@link ServerUris}
 * ({@code tcp://} / {@code ssl://} broker addresses with their default ports) and {@link TlsErrors} (a handshake
 * failure in the words of the configuration: untrusted certificate, hostname mismatch, client certificate required).
 * Plain JDK (javax.net.ssl), no OSGi service.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gridprint.driver.toolkit.tls;
