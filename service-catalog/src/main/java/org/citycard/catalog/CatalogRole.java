package org.citycard.catalog;

/** Roles that may act on the catalog. {@code ADMIN} may do everything. */
public enum CatalogRole { CATALOG_EDITOR, CATALOG_PUBLISHER, ADMIN }
