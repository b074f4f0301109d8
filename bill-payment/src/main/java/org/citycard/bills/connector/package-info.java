/**
 * How the bill module talks to billers: one {@link org.citycard.bills.connector.BillerConnector} interface, one
 * package per protocol, chosen by each biller's configured {@code connector}; the core never asks which biller it is.
 */
package org.citycard.bills.connector;
