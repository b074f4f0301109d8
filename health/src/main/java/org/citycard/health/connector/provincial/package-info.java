/**
 * The provincial platform's envelope protocol (docs/health-platform-protocol.md): SM4-GCM business content and an
 * HMAC-SM3 signature over the sorted envelope, both ways.
 */
package org.citycard.health.connector.provincial;
