/** Parking's storage and jobs; nothing here is used from outside the module. */
package org.citycard.parking.internal;
