package org.citycard.portal.account;

import java.time.format.DateTimeFormatter;

import org.citycard.card.CitizenId;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/** The citizen's own payment orders, newest first, each with its receipt. Role CITIZEN. */
@Route(value = "me/orders", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class OrdersView extends CitizenPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);

    private final PaymentOrders orders;
    private final org.citycard.payment.Refunds refunds;
    /** The receipt on screen: a tap on its button is also a tap on its row, and opens one receipt, not two. */
    private Dialog shown;

    public OrdersView(PaymentOrders orders, org.citycard.payment.Refunds refunds, AuthenticationContext auth) {
        super(auth, "orders.heading", "cc-orders");
        this.orders = orders;
        this.refunds = refunds;
    }

    @Override
    protected void show(CitizenId citizen) {
        removeAll();
        Grid<PaymentOrder> grid = new Grid<>();
        grid.addColumn(o -> WHEN.format(o.createdAt())).setHeader(getTranslation("wallet.when")).setAutoWidth(true);
        grid.addColumn(PaymentOrder::subject).setHeader(getTranslation("orders.subject")).setFlexGrow(1)
                .setWidth("10em");
        grid.addColumn(o -> WalletView.yuan(o.amountFen())).setHeader(getTranslation("wallet.amount")).setAutoWidth(true);
        grid.addComponentColumn(o -> state(o.state())).setHeader(getTranslation("orders.state")).setAutoWidth(true);
        grid.addComponentColumn(o -> {
            Button receipt = new Button(getTranslation("orders.receipt"), e -> receipt(o));
            receipt.addClassName("cc-receipt-button");
            return receipt;
        }).setAutoWidth(true).setFrozenToEnd(true);
        // a tap anywhere on the order opens its receipt too (large text may push the button out of sight)
        grid.addItemClickListener(e -> receipt(e.getItem()));
        grid.setItems(orders.ofCitizen(citizen, 100));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("orders.empty"));
        grid.setId("orders");
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        add(new H1(getTranslation("orders.heading")), new Anchor("me/wallet/top-up", getTranslation("topup.heading")),
                grid);
    }

    private Span state(OrderState state) {
        Span badge = new Span(getTranslation("payment.state." + state.name()));
        badge.getElement().getThemeList().add("badge" + switch (state) {
            case PAID -> " success";
            case FAILED -> " error";
            case CLOSED -> " contrast";
            default -> "";
        });
        return badge;
    }

    /** A receipt: what was paid, when, how, and what came back. */
    private void receipt(PaymentOrder order) {
        if (shown != null && shown.isOpened()) {
            return;
        }
        Dialog dialog = new Dialog();
        shown = dialog;
        dialog.setHeaderTitle(getTranslation("orders.receipt"));
        DescriptionList list = new DescriptionList();
        add(list, "orders.no", order.no().value());
        add(list, "orders.subject", order.subject());
        add(list, "wallet.amount", WalletView.yuan(order.amountFen()));
        add(list, "orders.state", getTranslation("payment.state." + order.state().name()));
        if (order.channel() != null) {
            add(list, "topup.channel", getTranslation("payment.channel." + order.channel().name()));
        }
        add(list, "wallet.when", WHEN.format(order.createdAt()));
        if (order.paidAt() != null) {
            add(list, "orders.paid-at", WHEN.format(order.paidAt()));
        }
        if (order.channelTradeNo() != null) {
            add(list, "orders.trade-no", order.channelTradeNo());
        }
        for (PaymentOrders.Refund refund : refunds.of(order.no())) {
            // a refund the channel refused is still owed: say that it is being seen to, and once it has been
            String state = refund.state() != PaymentOrders.RefundState.FAILED || !refund.refusedByChannel()
                    ? refund.state().name() : refund.followUp() == null ? "OWED" : "FOLLOWED_UP";
            add(list, "orders.refund", WalletView.yuan(refund.amountFen()) + " · "
                    + getTranslation("orders.refund." + state) + " · " + refund.reason());
        }
        for (PaymentOrders.Returned returned : orders.returned(order.no())) {
            add(list, "orders.returned", WalletView.yuan(returned.amountFen()) + " · "
                    + getTranslation("payment.channel." + returned.channel().name()) + " · "
                    + getTranslation("orders.refund." + returned.state().name()));
        }
        list.setId("order-receipt");
        dialog.add(list);
        dialog.getFooter().add(new Button(getTranslation("orders.close"), e -> dialog.close()));
        dialog.open();
    }

    private void add(DescriptionList list, String key, String value) {
        list.add(new DescriptionList.Term(getTranslation(key)), new DescriptionList.Description(value));
    }
}
