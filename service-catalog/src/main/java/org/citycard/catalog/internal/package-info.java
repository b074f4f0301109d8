/**
 * How the catalog works inside: storage, the lifecycle rules, the search index, caches and demo data.
 * Nothing here is called from outside the module.
 */
package org.citycard.catalog.internal;
