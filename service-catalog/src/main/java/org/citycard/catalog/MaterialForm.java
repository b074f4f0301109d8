package org.citycard.catalog;

/** The form in which a material is handed in. */
public enum MaterialForm { ORIGINAL, COPY, ORIGINAL_AND_COPY, ELECTRONIC }
