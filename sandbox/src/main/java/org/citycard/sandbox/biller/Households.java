package org.citycard.sandbox.biller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citycard.kernel.ChinaTime;

/**
 * One biller's households and write-offs. Every well-formed account number is a household, made up from the number
 * (a masked holder and address, one to three monthly bills, the older ones overdue with a late fee of 0.1% a day);
 * the endings listed on the sandbox page choose outcomes. A write-off is idempotent on the merchant order number.
 */
final class Households {

    static final Duration ASYNC_DONE_AFTER = Duration.ofSeconds(2);
    private static final String[] SURNAMES = {"张", "王", "李", "赵", "陈", "刘", "杨", "黄"};
    private static final String[] GIVEN = {"明", "华", "芳", "军", "丽", "强", "静", "伟"};
    private static final String[] DISTRICTS = {"江北区", "城东区", "高新区", "老城区"};

    private final BillerSandbox.Spec spec;
    private final Clock clock;
    private final Map<String, Household> accounts = new LinkedHashMap<>();
    private final Map<String, WriteOff> writeOffs = new LinkedHashMap<>();
    private long sequence;

    private final boolean filesSameDay;

    Households(BillerSandbox.Spec spec, Clock clock, boolean filesSameDay) {
        this.spec = spec;
        this.clock = clock;
        this.filesSameDay = filesSameDay;
    }

    private static final class Bill {
        final String billId;
        final String period;
        final long amountFen;
        final LocalDate dueDate;
        boolean paid;

        Bill(String billId, String period, long amountFen, LocalDate dueDate) {
            this.billId = billId;
            this.period = period;
            this.amountFen = amountFen;
            this.dueDate = dueDate;
        }
    }

    private static final class Household {
        final String accountNo;
        final String holder;
        final String address;
        final List<Bill> bills = new ArrayList<>();
        long balanceFen;

        Household(String accountNo, String holder, String address) {
            this.accountNo = accountNo;
            this.holder = holder;
            this.address = address;
        }
    }

    /** A write-off as the biller keeps it; {@code state} DONE, PENDING (asynchronous) or REVERSED. */
    record WriteOff(String merchantOrderNo, String writeOffRef, String accountNo, long amountFen, Instant at,
                    String state, List<String> billIds, long toBalanceFen) {
        WriteOff with(String newState) {
            return new WriteOff(merchantOrderNo, writeOffRef, accountNo, amountFen, at, newState, billIds, toBalanceFen);
        }
    }

    private final java.util.Set<String> answeredSlowly = new java.util.HashSet<>();

    /** Whether this answer comes too late: always for 9906, the first time for a 9904 payment (then it is known). */
    synchronized boolean slow(String accountNo, String merchantOrderNo) {
        return accountNo.endsWith("9906") || accountNo.endsWith("9904") && answeredSlowly.add(merchantOrderNo);
    }

    /**
     * Whether every amount this account could be paid with today (each bill, all arrears) is an ordinary one for the
     * channels' sandbox, none of its magic amounts (tests choose such accounts).
     */
    synchronized boolean ordinary(String accountNo) {
        Household household = household(accountNo);
        if (household == null) {
            return false;
        }
        long arrears = 0;
        for (Bill bill : household.bills) {
            if (!bill.paid) {
                long total = bill.amountFen + lateFee(bill);
                arrears += total;
                if (org.citycard.sandbox.payment.SandboxCashier.magic(total)) {
                    return false;
                }
            }
        }
        return !org.citycard.sandbox.payment.SandboxCashier.magic(arrears);
    }

    synchronized Map<String, Object> query(String accountNo) {
        Household household = household(accountNo);
        if (household == null) {
            return Map.of("result", "ACCOUNT_NOT_FOUND");
        }
        if (accountNo.endsWith("9903")) {
            return Map.of("result", "ACCOUNT_CLOSED");
        }
        List<Map<String, Object>> bills = new ArrayList<>();
        long arrears = 0;
        for (Bill bill : household.bills) {
            if (!bill.paid) {
                long fee = lateFee(bill);
                arrears += bill.amountFen + fee;
                bills.add(Map.of("billId", bill.billId, "period", bill.period, "amountFen", bill.amountFen,
                        "lateFeeFen", fee, "dueDate", bill.dueDate.toString()));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", "OK");
        answer.put("accountNo", accountNo);
        answer.put("holderName", household.holder);
        answer.put("address", household.address);
        answer.put("chargeMode", prepaid(accountNo) ? "ANY_AMOUNT" : spec.mode().name());
        answer.put("balanceFen", household.balanceFen);
        answer.put("arrearsFen", arrears);
        answer.put("bills", bills);
        return answer;
    }

    synchronized Map<String, Object> pay(String merchantOrderNo, String accountNo, long amountFen, String billId) {
        if (!merchantOrderNo.matches("[A-Za-z0-9_-]{6,40}")) {
            return Map.of("result", "BAD_REQUEST", "reason", "merchantOrderNo");
        }
        WriteOff earlier = writeOffs.get(merchantOrderNo);
        if (earlier != null) {
            return earlier.accountNo().equals(accountNo) && earlier.amountFen() == amountFen
                    ? answer(earlier) : Map.of("result", "ORDER_MISMATCH");
        }
        Household household = household(accountNo);
        if (household == null) {
            return Map.of("result", "ACCOUNT_NOT_FOUND");
        }
        if (accountNo.endsWith("9903")) {
            return Map.of("result", "ACCOUNT_CLOSED");
        }
        if (accountNo.endsWith("9902")) {
            return Map.of("result", "REFUSED", "reason", "户号冻结，暂停缴费 account frozen by the biller");
        }
        if (accountNo.endsWith("9901")) {
            household.bills.forEach(bill -> bill.paid = true);
            return Map.of("result", "ALREADY_PAID");
        }
        if (accountNo.endsWith("9906")) {
            return Map.of("result", "TIMEOUT");
        }
        if (amountFen <= 0) {
            return Map.of("result", "AMOUNT_MISMATCH", "reason", "amountFen");
        }
        List<Bill> open = household.bills.stream().filter(b -> !b.paid).toList();
        long arrears = open.stream().mapToLong(b -> b.amountFen + lateFee(b)).sum();
        String mode = prepaid(accountNo) ? "ANY_AMOUNT" : spec.mode().name();
        List<String> paidBills = new ArrayList<>();
        long toBalance = 0;
        switch (mode) {
            case "ALL_ARREARS" -> {
                if (arrears == 0) {
                    return Map.of("result", "NOTHING_DUE");
                }
                if (amountFen != arrears) {
                    return Map.of("result", "AMOUNT_MISMATCH", "arrearsFen", arrears);
                }
                open.forEach(b -> paidBills.add(b.billId));
            }
            case "EXACT_BILL" -> {
                Bill bill = open.stream().filter(b -> b.billId.equals(billId)).findFirst().orElse(null);
                if (bill == null) {
                    return Map.of("result", open.isEmpty() ? "NOTHING_DUE" : "BILL_NOT_FOUND");
                }
                if (amountFen != bill.amountFen + lateFee(bill)) {
                    return Map.of("result", "AMOUNT_MISMATCH", "arrearsFen", bill.amountFen + lateFee(bill));
                }
                paidBills.add(bill.billId);
            }
            default -> {
                long left = amountFen;
                for (Bill bill : open) {
                    long due = bill.amountFen + lateFee(bill);
                    if (left < due) {
                        break;
                    }
                    left -= due;
                    paidBills.add(bill.billId);
                }
                toBalance = left;
            }
        }
        for (Bill bill : household.bills) {
            if (paidBills.contains(bill.billId)) {
                bill.paid = true;
            }
        }
        household.balanceFen += toBalance;
        Instant now = clock.instant();
        String ref = "WO" + spec.id().toUpperCase(java.util.Locale.ROOT) + LocalDate.ofInstant(now, ChinaTime.ZONE)
                .toString().replace("-", "") + String.format("%06d", ++sequence);
        WriteOff writeOff = new WriteOff(merchantOrderNo, ref, accountNo, amountFen, now,
                accountNo.endsWith("9905") ? "PENDING" : "DONE", List.copyOf(paidBills), toBalance);
        writeOffs.put(merchantOrderNo, writeOff);
        return answer(writeOff);
    }

    synchronized Map<String, Object> status(String merchantOrderNo) {
        WriteOff writeOff = writeOffs.get(merchantOrderNo);
        return writeOff == null ? Map.of("result", "NOT_FOUND") : answer(writeOff);
    }

    /** 冲正: the write-off is undone, its bills owed again. */
    synchronized Map<String, Object> reverse(String merchantOrderNo) {
        WriteOff writeOff = writeOffs.get(merchantOrderNo);
        if (writeOff == null) {
            return Map.of("result", "NOT_FOUND");
        }
        if (!writeOff.state().equals("REVERSED")) {
            Household household = accounts.get(writeOff.accountNo());
            for (Bill bill : household.bills) {
                if (writeOff.billIds().contains(bill.billId)) {
                    bill.paid = false;
                }
            }
            household.balanceFen -= writeOff.toBalanceFen();
            writeOffs.put(merchantOrderNo, writeOff.with("REVERSED"));
        }
        return Map.of("result", "REVERSED");
    }

    synchronized Map<String, Object> dailyFile(String date) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return Map.of("result", "BAD_REQUEST", "reason", "date");
        }
        LocalDate today = BillerSandbox.today(clock);
        if (day.isAfter(today) || day.equals(today) && !filesSameDay) {
            return Map.of("result", "NOT_READY", "reason", "a day's file is ready the next day");
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        long total = 0;
        for (WriteOff w : writeOffsOn(day)) {
            lines.add(Map.of("merchantOrderNo", w.merchantOrderNo(), "writeOffRef", w.writeOffRef(),
                    "accountNo", w.accountNo(), "amountFen", w.amountFen(), "writtenOffAt", w.at().toString()));
            total += w.amountFen();
        }
        return Map.of("result", "OK", "date", date, "count", lines.size(), "totalFen", total, "lines", lines);
    }

    synchronized List<WriteOff> writeOffsOn(LocalDate day) {
        return writeOffs.values().stream().map(this::settled)
                .filter(w -> w.state().equals("DONE") && LocalDate.ofInstant(w.at(), ChinaTime.ZONE).equals(day))
                .toList();
    }

    private WriteOff settled(WriteOff writeOff) {
        if (writeOff.state().equals("PENDING") && clock.instant().isAfter(writeOff.at().plus(ASYNC_DONE_AFTER))) {
            WriteOff done = writeOff.with("DONE");
            writeOffs.put(writeOff.merchantOrderNo(), done);
            return done;
        }
        return writeOff;
    }

    private Map<String, Object> answer(WriteOff writeOff) {
        WriteOff now = settled(writeOff);
        return switch (now.state()) {
            case "DONE" -> Map.of("result", "WRITTEN_OFF", "writeOffRef", now.writeOffRef(),
                    "amountFen", now.amountFen(), "writtenOffAt", now.at().toString());
            case "PENDING" -> Map.of("result", "ACCEPTED");
            default -> Map.of("result", "REVERSED");
        };
    }

    private boolean prepaid(String accountNo) {
        return spec.id().equals("power") && accountNo.startsWith("8");
    }

    private long lateFee(Bill bill) {
        long days = ChronoUnit.DAYS.between(bill.dueDate, BillerSandbox.today(clock));
        return days <= 0 ? 0 : Math.max(1, bill.amountFen * days / 1000);
    }

    private Household household(String accountNo) {
        if (accountNo == null || !accountNo.matches(spec.accountPattern()) || accountNo.endsWith("0000")) {
            return null;
        }
        return accounts.computeIfAbsent(accountNo, this::made);
    }

    private Household made(String accountNo) {
        int seed = Math.abs((spec.id() + accountNo).hashCode());
        String holder = SURNAMES[seed % SURNAMES.length] + "*" + GIVEN[(seed / 7) % GIVEN.length];
        String address = DISTRICTS[(seed / 3) % DISTRICTS.length] + "**路" + (seed % 90 + 10) + "号";
        Household household = new Household(accountNo, holder, address);
        if (prepaid(accountNo)) {
            household.balanceFen = seed % 5_000;
            return household;
        }
        int months = accountNo.endsWith("9907") ? 0 : 1 + seed % 3;
        YearMonth current = YearMonth.from(BillerSandbox.today(clock));
        for (int i = months; i >= 1; i--) {
            YearMonth period = current.minusMonths(i);
            long amount = spec.typicalFen() * (70 + (seed / (i + 1)) % 61) / 100;
            household.bills.add(new Bill(spec.id().toUpperCase(java.util.Locale.ROOT) + period.toString().replace("-", "")
                    + accountNo.substring(accountNo.length() - 4), period.toString(), amount,
                    period.plusMonths(1).atDay(20)));
        }
        return household;
    }
}
