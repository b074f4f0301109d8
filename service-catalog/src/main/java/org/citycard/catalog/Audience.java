package org.citycard.catalog;

/** Who a service is for. */
public enum Audience { CITIZEN, ENTERPRISE }
