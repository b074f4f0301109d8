/** The terminal API: online verification of dynamic codes by bus, hospital and parking terminals. */
package org.citycard.api.terminal;
