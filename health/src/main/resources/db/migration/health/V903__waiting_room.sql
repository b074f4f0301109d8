-- A vaccine whose openings draw a crowd (HPV, say) is booked through the waiting room: a place in line first, then,
-- once admitted, a hold.
alter table vacc_vaccine add column waiting_room boolean not null default false;
