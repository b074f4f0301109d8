-- Hold accounts: money set aside for something under way (a wallet top-up's refund on its way back through its
-- channel), so that it cannot be spent meanwhile. Like wallets they never go below zero.
alter table card_ledger_account drop constraint card_ledger_account_kind;
alter table card_ledger_account add constraint card_ledger_account_kind
    check (kind in ('WALLET', 'CLEARING', 'MERCHANT', 'ADJUSTMENT', 'HOLD'));
