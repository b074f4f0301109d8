/**
 * The citizen's own API: who they are, real-name, their card and its operations, dynamic codes, wallet and
 * favourites. Every call acts on the signed-in citizen; any other card id answers 404.
 */
package org.citycard.api.card;
