package org.citycard.payment.wechatpay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel.StatementEntry;
import org.citycard.payment.PaymentChannel.StatementUnavailable;
import org.citycard.payment.Yuan;

/**
 * WeChat Pay's trade bill (bill_type ALL) as its download API hands it out: a header line, one CSV line per payment
 * and refund with every value behind a back-tick, then "总交易单数…" and its summary line. Columns used: 5 WeChat
 * transaction number, 6 our order number, 9 state (REFUND for refunds), 12 amount settled, 14 WeChat refund number,
 * 15 our refund number, 16 amount refunded, 22 fee (yuan to five places, negative on refunds). Lines of orders that
 * are not CityCard's (another system on the same merchant) are left out; a line cut short refuses the whole bill.
 */
final class TradeBill {

    private TradeBill() {
    }

    static List<StatementEntry> read(String csv) {
        List<StatementEntry> entries = new ArrayList<>();
        String[] lines = csv.split("\r?\n");
        for (int i = 1; i < lines.length && !lines[i].startsWith("总交易单数"); i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = Arrays.stream(lines[i].split(",", -1)).map(v -> v.startsWith("`") ? v.substring(1) : v)
                    .map(String::strip).toArray(String[]::new);
            if (f.length < 23) {
                throw new StatementUnavailable("line " + (i + 1) + " of the WeChat Pay bill is cut short");
            }
            Optional<OrderNo> parsed = OrderNo.parse(f[6]);
            if (parsed.isEmpty()) {
                // a line of another system sharing the merchant account: not ours to reconcile
                continue;
            }
            try {
                entries.add("REFUND".equals(f[9])
                        ? new StatementEntry(StatementEntry.Kind.REFUND, parsed.get(), f[15], f[14], Yuan.fenOf(f[16]),
                                fee(f[22]))
                        : new StatementEntry(StatementEntry.Kind.PAYMENT, parsed.get(), null, f[5], Yuan.fenOf(f[12]),
                                fee(f[22])));
            } catch (RuntimeException e) {
                throw new StatementUnavailable("line " + (i + 1) + " of the WeChat Pay bill has an unreadable amount");
            }
        }
        return entries;
    }

    /** A fee as the bill writes it, in yuan to five places, to the nearest fen. */
    private static long fee(String yuan) {
        return new java.math.BigDecimal(yuan.isBlank() ? "0" : yuan).movePointRight(2)
                .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
