/**
 * Payments: orders and refunds with an explicit state machine, the one way money comes into CityCard whatever the
 * channel. Types at this root are the module's API; {@code internal} is not.
 */
package org.citycard.payment;
