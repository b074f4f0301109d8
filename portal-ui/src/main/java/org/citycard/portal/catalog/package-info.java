/** The citizens' catalog pages: home, category, search, service guide and bundle. Public, no login. */
package org.citycard.portal.catalog;
