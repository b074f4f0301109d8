-- What the channel gave the citizen to confirm a paying order with (a QR code's text, the mini-program's payment
-- parameters), form-encoded with the channel and scene it belongs to. Asking again with the same channel and scene
-- shows it again instead of a second prepay, which UnionPay would refuse as a duplicate (respCode 12).
alter table payment_order add column prepay_parameters varchar(4000);
