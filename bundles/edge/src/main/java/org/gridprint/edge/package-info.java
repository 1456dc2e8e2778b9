/** Edge mode: the forwarder of the store's durable outbox to a central instance over MQTT. Private. */
package org.gridprint.edge;
