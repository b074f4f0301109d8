package org.citycard.portal.account;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.citycard.bills.BillAccounts;
import org.citycard.bills.BillPayment;
import org.citycard.bills.BillPaymentState;
import org.citycard.bills.BillPayments;
import org.citycard.bills.BillProblem;
import org.citycard.bills.Biller;
import org.citycard.bills.BoundAccount;
import org.citycard.bills.ChargeMode;
import org.citycard.bills.Statement;
import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * 生活缴费: the citizen's bound accounts with what each owes at a glance (asked of the billers), paying one in two
 * taps (the amount follows the biller's charge mode; any channel, the wallet too), the receipt with the biller's
 * write-off reference, each account's history and a 12-month chart, and binding a new account. Role CITIZEN.
 */
@Route(value = "me/bills", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class BillsView extends CitizenPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ChinaTime.ZONE);

    private final BillAccounts accounts;
    private final BillPayments payments;
    private final org.citycard.bills.AutoPay autoPay;
    private final PaymentOrders orders;
    private final Checkout checkout;
    private final String sandboxCashier;
    private CitizenId citizen;
    private final Div paying = new Div();

    public BillsView(BillAccounts accounts, BillPayments payments, org.citycard.bills.AutoPay autoPay,
                     PaymentOrders orders, Checkout checkout,
                     @org.springframework.beans.factory.annotation.Value("${citycard.payment.sandbox-cashier:}") String sandboxCashier,
                     AuthenticationContext auth) {
        super(auth, "bills.heading", "cc-bills");
        this.accounts = accounts;
        this.payments = payments;
        this.autoPay = autoPay;
        this.orders = orders;
        this.checkout = checkout;
        this.sandboxCashier = sandboxCashier;
    }

    @Override
    protected void show(CitizenId citizen) {
        this.citizen = citizen;
        removeAll();
        add(new H1(getTranslation("bills.heading")));
        paying.setId("bills-paying");
        paying.removeAll();
        List<BoundAccount> mine = accounts.accounts(citizen);
        Div list = new Div();
        list.addClassName("cc-bills-accounts");
        list.setId("bills-accounts");
        if (mine.isEmpty()) {
            list.add(new Paragraph(getTranslation("bills.none")));
        }
        for (BoundAccount account : mine) {
            list.add(card(account));
        }
        add(new H2(getTranslation("bills.accounts")), list, paying, bindForm(),
                new Paragraph(new com.vaadin.flow.component.html.Anchor("me/messages", getTranslation("me.messages"))));
    }

    private Div card(BoundAccount account) {
        Div card = new Div();
        card.addClassName("cc-bills-account");
        card.setId("bills-account-" + account.id());
        card.add(new H3(account.nickname() + " · " + account.biller().name()));
        card.add(new Paragraph(getTranslation("bills.account-line", account.accountNoMasked(), account.holderMasked(),
                account.addressMasked())));
        Paragraph owed = new Paragraph();
        owed.addClassName("cc-bills-owed");
        Button pay = new Button(getTranslation("bills.pay"));
        pay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        pay.setId("bills-pay-" + account.id());
        switch (accounts.statement(citizen, account.id())) {
            case BillAccounts.Result.Done<Statement> done -> {
                Statement s = done.value();
                owed.setText(s.arrearsFen() > 0 ? getTranslation("bills.owed", WalletView.yuan(s.arrearsFen()))
                        : getTranslation("bills.nothing-owed"));
                if (s.arrearsFen() > 0) {
                    owed.addClassName("cc-problem");
                }
                if (s.balanceFen() > 0) {
                    owed.add(new Span(" · " + getTranslation("bills.balance", WalletView.yuan(s.balanceFen()))));
                }
                pay.addClickListener(e -> openPayment(account, s));
            }
            case BillAccounts.Result.Refused<Statement> refused -> {
                String notice = account.biller().notice();
                owed.setText(message(refused.problem(), null)
                        + (refused.problem() == BillProblem.BILLER_SUSPENDED && !notice.isEmpty() ? " " + notice : ""));
                pay.setEnabled(false);
            }
        }
        card.add(owed, pay, autoPay(account), history(account));
        Button unbind = new Button(getTranslation("bills.unbind"), e -> {
            accounts.unbind(citizen, account.id());
            show(citizen);
        });
        unbind.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        unbind.setId("bills-unbind-" + account.id());
        card.add(unbind);
        return card;
    }

    /** The account's auto-pay: its state, and turning it on (with a monthly cap), off, or on again. */
    private Div autoPay(BoundAccount account) {
        Div box = new Div();
        box.addClassName("cc-bills-auto-pay");
        box.add(new H3(getTranslation("bills.auto-pay")));
        var agreement = autoPay.of(citizen, account.id());
        if (agreement.isEmpty()) {
            box.add(new Paragraph(getTranslation("bills.auto-pay.none")));
            BigDecimalField cap = new BigDecimalField(getTranslation("bills.auto-pay.cap"));
            cap.setValue(java.math.BigDecimal.valueOf(50_000, 2));
            cap.setId("bills-auto-pay-cap-" + account.id());
            Paragraph problem = new Paragraph();
            problem.getElement().setAttribute("aria-live", "polite");
            Button sign = new Button(getTranslation("bills.auto-pay.sign"), e -> {
                Long fen = cap.getValue() == null ? null : TopUpView.fen(cap.getValue());
                switch (autoPay.sign(citizen, account.id(), fen == null ? 0 : fen)) {
                    case org.citycard.bills.AutoPay.Result.Signed signed -> show(citizen);
                    case org.citycard.bills.AutoPay.Result.Refused refused -> {
                        problem.setText(message(refused.problem(), null));
                        problem.addClassName("cc-problem");
                    }
                }
            });
            sign.setId("bills-auto-pay-sign-" + account.id());
            box.add(cap, sign, problem);
            return box;
        }
        var a = agreement.get();
        box.add(new Paragraph(getTranslation("bills.auto-pay." + a.state().name(), WalletView.yuan(a.monthlyCapFen()),
                a.stopReason() == null ? "" : getTranslation("bills.auto-pay.why." + a.stopReason()))));
        if (a.state() == org.citycard.bills.AutoPay.State.STOPPED) {
            Button resume = new Button(getTranslation("bills.auto-pay.resume"), e -> {
                autoPay.resume(citizen, account.id());
                show(citizen);
            });
            resume.setId("bills-auto-pay-resume-" + account.id());
            box.add(resume);
        }
        Button cancel = new Button(getTranslation("bills.auto-pay.cancel"), e -> {
            autoPay.cancel(citizen, account.id());
            show(citizen);
        });
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        cancel.setId("bills-auto-pay-cancel-" + account.id());
        box.add(cancel);
        return box;
    }

    private Div history(BoundAccount account) {
        Div history = new Div();
        List<BillPayment> past = payments.ofAccount(citizen, account.id(), 50);
        if (past.isEmpty()) {
            return history;
        }
        history.add(new H3(getTranslation("bills.history")));
        history.add(MonthChart.of(past, getTranslation("bills.chart", account.nickname()), getLocale()));
        UnorderedList lines = new UnorderedList();
        for (BillPayment p : past) {
            lines.add(new ListItem(DAY.format(p.createdAt()) + " · " + WalletView.yuan(p.amountFen()) + " · "
                    + getTranslation("bills.state." + p.state().name())
                    + (p.writeOffRef() == null ? "" : " · " + getTranslation("bills.write-off-ref", p.writeOffRef()))));
        }
        history.add(lines);
        return history;
    }

    private void openPayment(BoundAccount account, Statement statement) {
        paying.removeAll();
        paying.add(new H2(getTranslation("bills.paying", account.nickname(), account.biller().name())));
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        UnorderedList bills = new UnorderedList();
        for (Statement.Bill bill : statement.bills()) {
            ListItem item = new ListItem(getTranslation("bills.bill", bill.period(), WalletView.yuan(bill.amountFen()),
                    WalletView.yuan(bill.lateFeeFen()), bill.dueDate().toString()));
            if (bill.overdue(today)) {
                item.addClassName("cc-problem");
            }
            bills.add(item);
        }
        paying.add(bills);
        RadioButtonGroup<Statement.Bill> which = new RadioButtonGroup<>(getTranslation("bills.which"));
        BigDecimalField amount = new BigDecimalField(getTranslation("bills.amount"));
        amount.setId("bills-amount");
        ChargeMode mode = account.biller().chargeMode();
        if (mode == ChargeMode.EXACT_BILL && statement.bills().size() > 1) {
            which.setItems(statement.bills());
            which.setItemLabelGenerator(b -> b.period() + " · " + WalletView.yuan(b.totalFen()));
            which.setValue(statement.bills().getFirst());
            which.setId("bills-which");
            paying.add(which);
        } else if (mode == ChargeMode.ANY_AMOUNT) {
            amount.setHelperText(getTranslation("bills.any-amount"));
            if (statement.arrearsFen() > 0) {
                amount.setValue(java.math.BigDecimal.valueOf(statement.arrearsFen(), 2));
            }
            paying.add(amount);
        } else {
            paying.add(new Paragraph(getTranslation("bills.total", WalletView.yuan(statement.arrearsFen()))));
        }
        RadioButtonGroup<ChannelId> channel = PayPanel.channelChoice(this, checkout, "bills-channel");
        PayPanel panel = new PayPanel("bills-pay", orders, checkout, sandboxCashier, citizen, order -> paid(order, account));
        Button go = new Button(getTranslation("topup.pay"));
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        go.setId("bills-submit");
        go.setDisableOnClick(true);
        go.addClickListener(e -> {
            go.setEnabled(true);
            Long fen = mode == ChargeMode.ANY_AMOUNT ? amount.getValue() == null ? null : TopUpView.fen(amount.getValue())
                    : null;
            if (mode == ChargeMode.ANY_AMOUNT && fen == null) {
                amount.setInvalid(true);
                amount.setErrorMessage(getTranslation("bills.any-amount"));
                return;
            }
            String billId = which.getValue() == null ? null : which.getValue().billId();
            switch (payments.start(citizen, account.id(), fen, billId, UUID.randomUUID().toString())) {
                case BillPayments.Start.Created created -> panel.pay(created.order(), channel.getValue());
                case BillPayments.Start.Existing existing -> panel.pay(existing.order(), channel.getValue());
                case BillPayments.Start.Refused refused -> panel.problemShown(message(refused.problem(), refused.dueFen()));
            }
        });
        paying.add(channel, go, panel);
        paying.getElement().callJsFunction("scrollIntoView");
    }

    /** Paid: the biller's write-off follows in a moment; the receipt shows when it is there. */
    private BooleanSupplier paid(PaymentOrder order, BoundAccount account) {
        Paragraph status = new Paragraph(getTranslation("bills.paid-waiting", WalletView.yuan(order.amountFen())));
        status.setId("bills-receipt");
        status.addClassName("cc-success");
        paying.add(status);
        String paymentId = order.purpose().reference();
        return () -> {
            BillPayment now = payments.find(citizen, paymentId).orElseThrow();
            if (now.state() == BillPaymentState.WRITTEN_OFF) {
                status.setText(getTranslation("bills.receipt", WalletView.yuan(now.amountFen()), now.billerName(),
                        now.accountNoMasked(), now.writeOffRef()));
                return true;
            }
            if (now.state() == BillPaymentState.REFUNDING || now.state() == BillPaymentState.REFUNDED) {
                status.setText(getTranslation("bills.going-back." + now.problem()));
                status.removeClassName("cc-success");
                status.addClassName("cc-problem");
                return true;
            }
            return false;
        };
    }

    private Div bindForm() {
        Div form = new Div();
        form.addClassName("cc-bills-bind");
        form.add(new H2(getTranslation("bills.bind")));
        Select<Biller> biller = new Select<>();
        biller.setLabel(getTranslation("bills.biller"));
        List<Biller> billers = accounts.billers();
        biller.setItems(billers);
        biller.setItemLabelGenerator(b -> b.name() + " · " + getTranslation("bills.kind." + b.kind().name())
                + (b.enabled() ? "" : " · " + getTranslation("bills.suspended")));
        biller.setItemEnabledProvider(Biller::enabled);
        biller.setId("bills-biller");
        TextField number = new TextField(getTranslation("bills.account-no"));
        number.setId("bills-account-no");
        number.setMaxLength(32);
        biller.addValueChangeListener(e -> number.setHelperText(e.getValue() == null ? "" : e.getValue().accountHint()));
        billers.stream().filter(Biller::enabled).findFirst().ifPresent(biller::setValue);
        TextField nickname = new TextField(getTranslation("bills.nickname"));
        nickname.setId("bills-nickname");
        nickname.setMaxLength(BillAccounts.NICKNAME_MAX);
        nickname.setPlaceholder(getTranslation("bills.nickname.placeholder"));
        Paragraph problem = new Paragraph();
        problem.setId("bills-bind-problem");
        problem.getElement().setAttribute("aria-live", "polite");
        Button bind = new Button(getTranslation("bills.bind.button"));
        bind.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        bind.setId("bills-bind");
        bind.setDisableOnClick(true);
        bind.addClickListener(e -> {
            bind.setEnabled(true);
            if (biller.getValue() == null) {
                return;
            }
            switch (accounts.bind(citizen, biller.getValue().id(), number.getValue(), nickname.getValue())) {
                case BillAccounts.Result.Done<BoundAccount> done -> show(citizen);
                case BillAccounts.Result.Refused<BoundAccount> refused -> {
                    problem.setText(message(refused.problem(), null));
                    problem.addClassName("cc-problem");
                }
            }
        });
        form.add(biller, number, nickname, bind, problem);
        return form;
    }

    private String message(BillProblem problem, Long dueFen) {
        return getTranslation("bills.problem." + problem.name(), dueFen == null ? "" : WalletView.yuan(dueFen));
    }
}
