/** How bill payment works inside: the stores, the fulfilment on payment events, the write-off retries. */
package org.citycard.bills.internal;
