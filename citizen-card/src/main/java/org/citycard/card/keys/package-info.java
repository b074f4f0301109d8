/**
 * Where the card's secrets come from: configuration in production; a key file under the data directory,
 * created on first start, in the default (development) profile.
 */
package org.citycard.card.keys;
