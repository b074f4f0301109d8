/**
 * The virtual citizen card: real-name identity values (ID number, phone), card numbers, and the signed dynamic
 * QR codes that terminals verify. Types at this root are the module's API.
 */
package org.citycard.card;
