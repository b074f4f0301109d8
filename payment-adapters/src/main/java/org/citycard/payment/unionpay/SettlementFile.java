package org.citycard.payment.unionpay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel.StatementEntry;
import org.citycard.payment.PaymentChannel.StatementUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UnionPay merchant settlement file as the ACP file transfer hands it out: Base64 of a zlib-deflated zip, whose
 * ZM file ("INN…ZM_merId") holds one fixed-width GBK line per transaction, its 42 fields separated by one space
 * (《全渠道平台接入接口规范 第3部分 文件接口》, ZM file). Consumes (txnType 01) and refunds (04) of this merchant
 * become statement entries; the merchant fee is signed, D charged to the merchant and C given back.
 */
final class SettlementFile {

    private static final Logger log = LoggerFactory.getLogger(SettlementFile.class);
    private static final Charset GBK = Charset.forName("GBK");
    /** The widths of the ZM file's fields, in bytes. */
    static final int[] ZM_WIDTHS = {3, 11, 11, 6, 10, 19, 12, 4, 2, 21, 2, 32, 2, 6, 10, 13, 13, 4, 15, 2, 2, 6, 2,
            4, 32, 1, 21, 15, 1, 15, 32, 13, 13, 8, 32, 13, 13, 12, 2, 1, 32, 98};
    static final int AMOUNT = 6;
    static final int QUERY_ID = 9;
    static final int ORDER_ID = 11;
    static final int MERCHANT_FEE = 15;
    static final int TXN_TYPE = 19;
    static final int MER_ID = 27;
    static final int ORIGINAL_ORDER_ID = 40;
    /** Where the original order id ends: a line that stops before it was cut. */
    private static final int THROUGH_ORIGINAL_ORDER_ID = java.util.stream.IntStream.rangeClosed(0, ORIGINAL_ORDER_ID)
            .map(i -> ZM_WIDTHS[i] + 1).sum() - 1;
    /** No settlement file of one merchant and day comes near this; a bigger one is refused rather than inflated. */
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private SettlementFile() {
    }

    static List<StatementEntry> read(String fileContent, String merId) {
        byte[] zip;
        try {
            zip = inflate(Base64.getMimeDecoder().decode(fileContent));
        } catch (IllegalArgumentException e) {
            throw new StatementUnavailable("the UnionPay settlement file is not Base64");
        }
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                if (name.contains("ZM_") && !name.contains("ZME_")) {
                    return lines(in.readNBytes(MAX_BYTES), merId);
                }
            }
        } catch (IOException e) {
            throw new StatementUnavailable("the UnionPay settlement file is not a readable zip");
        }
        throw new StatementUnavailable("the UnionPay settlement file holds no ZM file");
    }

    static List<StatementEntry> lines(byte[] file, String merId) {
        List<StatementEntry> entries = new ArrayList<>();
        int skipped = 0;
        int start = 0;
        int number = 0;
        while (start < file.length) {
            int end = start;
            while (end < file.length && file[end] != '\n') {
                end++;
            }
            int last = end > start && file[end - 1] == '\r' ? end - 1 : end;
            number++;
            if (last > start) {
                String[] f = fields(file, start, last, number);
                java.util.Optional<OrderNo> order = OrderNo.parse(f[TXN_TYPE].equals("04") ? f[ORIGINAL_ORDER_ID]
                        : f[ORDER_ID]);
                if (!merId.equals(f[MER_ID]) || order.isEmpty()) {
                    // another merchant's line, or a payment CityCard did not start (a terminal on the same merchant)
                    skipped++;
                } else {
                    switch (f[TXN_TYPE]) {
                        case "01" -> entries.add(new StatementEntry(StatementEntry.Kind.PAYMENT, order.get(),
                                null, f[QUERY_ID], amount(f[AMOUNT], number), fee(f[MERCHANT_FEE], number)));
                        case "04" -> entries.add(new StatementEntry(StatementEntry.Kind.REFUND, order.get(),
                                f[ORDER_ID], f[QUERY_ID], amount(f[AMOUNT], number), fee(f[MERCHANT_FEE], number)));
                        default -> skipped++;
                    }
                }
            }
            start = end + 1;
        }
        if (skipped > 0) {
            log.warn("The UnionPay settlement file had {} lines of other merchants or kinds we never send", skipped);
        }
        return entries;
    }

    /** The line's fields, trimmed; a line too short for the fields we read is refused. */
    private static String[] fields(byte[] file, int start, int end, int number) {
        String[] fields = new String[ZM_WIDTHS.length];
        int at = start;
        for (int i = 0; i < ZM_WIDTHS.length; i++) {
            int to = Math.min(at + ZM_WIDTHS[i], end);
            fields[i] = at < to ? new String(file, at, to - at, GBK).trim() : "";
            at = to + 1;
        }
        if (fields[MER_ID].isEmpty() || fields[TXN_TYPE].isEmpty() || end - start < THROUGH_ORIGINAL_ORDER_ID) {
            throw new StatementUnavailable("line " + number + " of the UnionPay ZM file is too short");
        }
        return fields;
    }

    private static long amount(String digits, int line) {
        if (!digits.matches("\\d{1,12}")) {
            throw new StatementUnavailable("line " + line + " of the UnionPay ZM file has no amount");
        }
        return Long.parseLong(digits);
    }

    /** X+n12: D (debit, charged to the merchant) counts as a fee, C (credit) as a fee given back. */
    private static long fee(String signed, int line) {
        if (signed.isEmpty()) {
            return 0;
        }
        if (!signed.matches("[CD]\\d{12}")) {
            throw new StatementUnavailable("line " + line + " of the UnionPay ZM file has an unreadable fee");
        }
        long fen = Long.parseLong(signed.substring(1));
        return signed.charAt(0) == 'D' ? fen : -fen;
    }

    private static byte[] inflate(byte[] deflated) {
        Inflater inflater = new Inflater();
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new StatementUnavailable("the UnionPay settlement file is cut short");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw new StatementUnavailable("the UnionPay settlement file is larger than 64 MB");
                }
            }
        } catch (DataFormatException e) {
            throw new StatementUnavailable("the UnionPay settlement file is not deflated as ACP says");
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
