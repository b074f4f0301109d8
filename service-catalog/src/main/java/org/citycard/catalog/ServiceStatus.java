package org.citycard.catalog;

/**
 * Where a service stands, as the admin console shows it. {@code CHANGED} is a published service with a draft
 * beside it; citizens keep seeing the live version.
 */
public enum ServiceStatus { DRAFT, IN_REVIEW, PUBLISHED, CHANGED, ARCHIVED }
