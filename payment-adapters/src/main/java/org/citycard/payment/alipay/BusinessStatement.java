package org.citycard.payment.alipay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipInputStream;

import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel.StatementEntry;
import org.citycard.payment.PaymentChannel.StatementUnavailable;
import org.citycard.payment.Yuan;

/**
 * Alipay's business statement as its download address hands it out: a zip whose "…_业务明细.csv" (GBK) has
 * #-comment lines around a header and one line per trade or refund. Alipay writes a tab after many values (so that
 * spreadsheets keep long numbers as text); they are stripped. Columns used: 0 Alipay trade number, 1 our order
 * number, 2 business type (退款 for refunds), 12 merchant's receipt in yuan (negative on refunds), 21 our refund
 * number, 22 service fee (a deduction, negative; given back on refunds). Lines of orders that are not CityCard's are
 * left out; a line cut short refuses the whole statement.
 */
final class BusinessStatement {

    private static final Charset GBK = Charset.forName("GBK");

    private BusinessStatement() {
    }

    static List<StatementEntry> read(byte[] zip) {
        List<StatementEntry> entries = new ArrayList<>();
        boolean found = false;
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith("_业务明细.csv")) {
                    found = true;
                    lines(new String(in.readAllBytes(), GBK), entries);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new StatementUnavailable("the Alipay statement is not a readable zip");
        }
        if (!found) {
            throw new StatementUnavailable("the Alipay statement holds no 业务明细 file");
        }
        return entries;
    }

    private static void lines(String csv, List<StatementEntry> entries) {
        String[] lines = csv.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = java.util.Arrays.stream(line.split(",", -1)).map(String::strip).toArray(String[]::new);
            if (f[0].equals("支付宝交易号")) {
                continue;
            }
            if (f.length < 23) {
                throw new StatementUnavailable("line " + (i + 1) + " of the Alipay statement is cut short");
            }
            Optional<OrderNo> parsed = OrderNo.parse(f[1]);
            if (parsed.isEmpty()) {
                // a line of another system sharing the app: not ours to reconcile
                continue;
            }
            try {
                long fee = -Yuan.fenOf(f[22]);
                entries.add(f[2].equals("退款")
                        ? new StatementEntry(StatementEntry.Kind.REFUND, parsed.get(), f[21], f[0], -Yuan.fenOf(f[12]), fee)
                        : new StatementEntry(StatementEntry.Kind.PAYMENT, parsed.get(), null, f[0], Yuan.fenOf(f[12]), fee));
            } catch (RuntimeException e) {
                throw new StatementUnavailable("line " + (i + 1) + " of the Alipay statement has an unreadable amount");
            }
        }
    }
}
