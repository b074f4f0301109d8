/**
 * The admin console under /admin: catalog grid, service editor with lifecycle and version history,
 * categories, bundles, import and export, audit log. Each view states its roles with {@code @RolesAllowed}.
 */
package org.citycard.portal.admin;
