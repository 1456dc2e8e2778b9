/** MQTT 3.1.1 client (Eclipse Paho): JSON reading ingest by topic filter, emission windows and alarms published. */
package org.gridprint.mqtt;
