/**
 * The public catalog API: categories, services with their guides, bundles and suggestions, localized by
 * {@code Accept-Language}, with ETags.
 */
package org.citycard.api.catalog;
