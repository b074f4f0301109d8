/** The citizen's payment orders: wallet top-ups, paying them with a channel, and their history. */
package org.citycard.api.orders;
