-- The printed (static) e-health card code works at a hospital only while its holder has it switched on. A static
-- code is the card id and ":1", and the card id is inside every dynamic code: anyone who saw one dynamic code could
-- otherwise write the static one and use it for good. Parents' cards (held for people without a phone, who use the
-- printed code) keep it on; everyone else's is off until they print it.
alter table health_card add column static_code_on boolean default false not null;
update health_card set static_code_on = true where relation = 'PARENT' and state = 'ACTIVE';
