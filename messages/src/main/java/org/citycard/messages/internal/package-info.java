/** How messages are kept and their copies delivered: the stores, the senders per channel, the delivery job. */
package org.citycard.messages.internal;
