/** The fee engine: a lot's tariff and what a stay costs under it, line by line. Pure: no clock, no database. */
package org.citycard.parking.fees;
