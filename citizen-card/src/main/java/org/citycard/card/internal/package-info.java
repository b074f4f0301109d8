/**
 * The card module's implementation: JDBC stores for citizens, logins, cards, codes, adjustments and
 * favourites, SMS senders and the one-time-use guards. Nothing here is used from outside the module.
 */
package org.citycard.card.internal;
