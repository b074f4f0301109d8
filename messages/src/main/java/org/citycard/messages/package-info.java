/**
 * What the city tells a citizen: an inbox in the portal and the API, and copies by SMS (and, next, WeChat subscribe
 * and Alipay template messages) on the channels each citizen chose per topic, held back in their quiet hours unless
 * urgent, never dropped. City services send through {@link org.citycard.messages.Messages}. Types at this root are
 * the module's API; {@code internal} is not.
 */
package org.citycard.messages;
