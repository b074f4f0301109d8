/**
 * The wallet ledger: double-entry accounts (citizens' wallets, channel clearing, merchants), an immutable
 * journal, idempotent postings, balances that never go negative and a daily spending limit.
 */
@org.springframework.modulith.NamedInterface("ledger")
package org.citycard.card.ledger;
