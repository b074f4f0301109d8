/** How the ledger works inside: guarded balance updates in one transaction per posting, on JDBC. */
package org.citycard.card.ledger.internal;
