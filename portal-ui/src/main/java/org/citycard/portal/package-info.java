/**
 * The server-rendered Vaadin portal: the citizen portal (public catalog) and the /admin console.
 * Views stay thin: they call the catalog module's application services and nothing else.
 */
package org.citycard.portal;
