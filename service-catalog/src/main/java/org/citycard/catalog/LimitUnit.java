package org.citycard.catalog;

/** The unit of a time limit (办结时限). {@code IMMEDIATE} (即办) ignores the value. */
public enum LimitUnit { IMMEDIATE, HOURS, WORKING_DAYS, CALENDAR_DAYS }
