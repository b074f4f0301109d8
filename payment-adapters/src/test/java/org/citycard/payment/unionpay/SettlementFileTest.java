package org.citycard.payment.unionpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.citycard.payment.PaymentChannel.StatementEntry;
import org.citycard.payment.PaymentChannel.StatementUnavailable;
import org.junit.jupiter.api.Test;

/**
 * The ZM file read from lines written by hand after UnionPay's file interface specification (field widths in GBK
 * bytes, one space between fields), not by the sandbox that also writes them.
 */
class SettlementFileTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String MER_ID = "777290058110048";

    /** A line with the given fields at their 1-based positions in the specification; the rest blank. */
    private static String line(String... positionsAndValues) {
        int[] widths = {3, 11, 11, 6, 10, 19, 12, 4, 2, 21, 2, 32, 2, 6, 10, 13, 13, 4, 15, 2, 2, 6, 2, 4, 32, 1, 21,
                15, 1, 15, 32, 13, 13, 8, 32, 13, 13, 12, 2, 1, 32, 98};
        String[] fields = new String[widths.length];
        java.util.Arrays.fill(fields, "");
        for (int i = 0; i < positionsAndValues.length; i += 2) {
            fields[Integer.parseInt(positionsAndValues[i]) - 1] = positionsAndValues[i + 1];
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String value = fields[i];
            line.append(value).append(" ".repeat(widths[i] - value.getBytes(GBK).length));
            line.append(i < widths.length - 1 ? " " : "");
        }
        return line.toString();
    }

    private static final String CONSUME = line("1", "S22", "5", "1121235958", "7", "000000010000", "10",
            "112123595800000000001", "12", "CC261121235958000000000001", "16", "D000000000038", "17", "C000000009962",
            "20", "01", "21", "07", "22", "000000", "28", MER_ID,
            // an abbreviation in Chinese: two bytes a character, so later fields are found by bytes, not characters
            "31", "城市一卡通", "41", "");
    private static final String REFUND = line("1", "S30", "7", "000000002500", "10", "112210150000000000002",
            "12", "RF261122101500123", "16", "C000000000010", "20", "04", "21", "00", "27", "112123595800000000001",
            "28", MER_ID, "31", "城市一卡通", "41", "CC261121235958000000000001");
    private static final String ANOTHER_MERCHANT = line("7", "000000099900", "12", "CC261121235958000000000002", "16", "D000000000380",
            "20", "01", "28", "898111111111111");

    /** Our merchant, but not a payment CityCard started (a counter terminal on the same merchant id). */
    private static final String NOT_CITYCARD = line("7", "000000001200", "12", "POS2026112100001", "16",
            "D000000000005", "20", "01", "28", MER_ID);

    private static String fileContent(String zm) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("INN26112288ZME_" + MER_ID));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("INN26112288ZM_" + MER_ID));
            out.write(zm.getBytes(GBK));
            out.closeEntry();
        }
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(zip.toByteArray());
        }
        return Base64.getEncoder().encodeToString(deflated.toByteArray());
    }

    @Test
    void consumes_and_refunds_of_this_merchant_become_statement_entries_with_signed_fees() throws Exception {
        List<StatementEntry> entries = SettlementFile.read(
                fileContent(CONSUME + "\r\n" + ANOTHER_MERCHANT + "\r\n" + NOT_CITYCARD + "\r\n" + REFUND + "\r\n"), MER_ID);

        assertThat(entries).containsExactly(
                new StatementEntry(StatementEntry.Kind.PAYMENT, new org.citycard.payment.OrderNo("CC261121235958000000000001"),
                        null, "112123595800000000001", 10_000, 38),
                new StatementEntry(StatementEntry.Kind.REFUND, new org.citycard.payment.OrderNo("CC261121235958000000000001"),
                        "RF261122101500123", "112210150000000000002", 2_500, -10));
    }

    @Test
    void an_empty_day_has_no_entries() throws Exception {
        assertThat(SettlementFile.read(fileContent(""), MER_ID)).isEmpty();
    }

    @Test
    void a_cut_line_a_bad_amount_or_a_corrupt_file_is_refused_rather_than_half_read() throws Exception {
        assertThatThrownBy(() -> SettlementFile.read(fileContent(CONSUME.substring(0, 200)), MER_ID))
                .isInstanceOf(StatementUnavailable.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> SettlementFile.read(fileContent(
                CONSUME.replace("000000010000", "0000000100x0")), MER_ID))
                .isInstanceOf(StatementUnavailable.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> SettlementFile.read("bm90IGRlZmxhdGVk", MER_ID))
                .isInstanceOf(StatementUnavailable.class);
        assertThatThrownBy(() -> SettlementFile.read("%%%", MER_ID)).isInstanceOf(StatementUnavailable.class);
    }
}
