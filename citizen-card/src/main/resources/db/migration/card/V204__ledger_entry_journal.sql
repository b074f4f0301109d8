-- The daily spending limit counts only postings that pay a merchant: finding a journal's other legs needs this.
create index card_ledger_entry_journal on card_ledger_entry (journal_id);
