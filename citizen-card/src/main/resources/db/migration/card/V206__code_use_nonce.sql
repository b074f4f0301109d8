-- A code's use is identified by its card and nonce: written again after a node died mid-batch, it counts once.
alter table card_code_use add column nonce bigint;
create unique index card_code_use_once on card_code_use (card_id, nonce);
