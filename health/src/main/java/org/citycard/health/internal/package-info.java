/** The health module's storage and wiring; nothing here is public API. */
package org.citycard.health.internal;
