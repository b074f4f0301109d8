/**
 * City parking with the card: operators and their lots, free spaces, the fee engine ({@code fees}), sessions by
 * plate, paying on the phone or seamlessly from the wallet, for the purpose {@code PARKING}.
 */
package org.citycard.parking;
