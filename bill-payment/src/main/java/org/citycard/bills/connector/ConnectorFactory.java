package org.citycard.bills.connector;

/** Makes connectors of one protocol; each protocol's package has one, a bean named by {@link #protocol()}. */
public interface ConnectorFactory {

    /** The name billers are configured with ({@code citycard.bills.billers.<id>.connector}). */
    String protocol();

    BillerConnector connect(BillerEndpoint endpoint);
}
