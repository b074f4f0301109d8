package org.citycard.wallet.internal;

import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.kernel.Fen;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Purpose;
import org.citycard.wallet.TopUps;
import org.citycard.wallet.WalletProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** Top-ups as orders for the purpose {@value TopUps#PURPOSE}, referenced by the citizen whose wallet they credit. */
@Service
@EnableConfigurationProperties(WalletProperties.class)
class DefaultTopUps implements TopUps {

    private final PaymentOrders orders;
    private final Wallets wallets;
    private final Rules rules;

    DefaultTopUps(PaymentOrders orders, Wallets wallets, WalletProperties properties) {
        this.orders = orders;
        this.wallets = wallets;
        WalletProperties.TopUp topUp = properties.topUp();
        this.rules = new Rules(topUp.minFen(), topUp.maxFen(), topUp.presetsFen());
    }

    @Override
    public Rules rules() {
        return rules;
    }

    @Override
    public Result start(CitizenId citizen, long amountFen, String idempotencyKey) {
        if (!rules.allows(amountFen)) {
            return new Result.Refused(Problem.AMOUNT_OUT_OF_RANGE);
        }
        if (wallets.balance(citizen).isEmpty()) {
            return new Result.Refused(Problem.NO_WALLET);
        }
        // the subject is the order's for good, whatever language the citizen reads it in later
        String subject = "钱包充值 " + Fen.of(amountFen).display();
        return switch (orders.create(citizen, new Purpose(PURPOSE, citizen.toString()), amountFen, subject,
                idempotencyKey)) {
            case PaymentOrders.Creation.Created created -> new Result.Created(created.order());
            case PaymentOrders.Creation.Existing existing -> new Result.Existing(existing.order());
            case PaymentOrders.Creation.Refused refused -> new Result.Refused(
                    refused.problem() == PaymentOrders.Problem.KEY_REUSED ? Problem.KEY_REUSED : Problem.AMOUNT_OUT_OF_RANGE);
        };
    }
}
