/** The e-health card's pages: the citizen's cards and codes, a printable code, and the service counter's console. */
package org.citycard.portal.health;
