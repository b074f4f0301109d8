/**
 * The service catalog: categories, services with their guides (办事指南), bundles, lifecycle and search.
 * Types at this root are the module's API; {@code internal} is not.
 */
package org.citycard.catalog;
