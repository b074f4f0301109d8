/**
 * The city's sign-in pages (the embedded identity provider's face: sign in, register, reset password, the
 * development SMS inbox) and the citizen's own pages: real-name, my card, codes, wallet, linked accounts.
 */
@org.springframework.modulith.NamedInterface("account")
package org.citycard.portal.account;
