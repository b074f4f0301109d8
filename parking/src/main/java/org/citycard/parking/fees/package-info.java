/**
 * The fee engine: a lot's tariff and what a stay costs under it, line by line. Pure: no clock, no database. Other
 * modules use it to show tariffs and quotes.
 */
@NamedInterface("fees")
package org.citycard.parking.fees;

import org.springframework.modulith.NamedInterface;
