/**
 * The portal's frame: app shell and style sheets, layouts, the language, elder-friendly and dark switches
 * (remembered in cookies), translations and the friendly error handler.
 */
package org.citycard.portal.shell;
