/**
 * Personal data at rest: ID numbers and phones encrypted with Tink AEAD, bound to the field they belong to, and
 * a keyed blind index so they can be looked up and kept unique without ever being stored in clear. Exposed so that
 * the application can make a platform's keys for its operators ({@code NewSecrets}).
 */
@org.springframework.modulith.NamedInterface("privacy")
package org.citycard.card.privacy;
