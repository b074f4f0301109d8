/** The wallet's implementation: top-up orders and their fulfilment, and the wallet as a payment channel. */
package org.citycard.wallet.internal;
