package org.citycard.portal.account;

import java.util.Optional;
import java.util.function.Supplier;

import org.citycard.card.Identities;
import org.citycard.card.IdentityProblem;
import org.citycard.card.SmsPurpose;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

/** "Send code": sends an SMS code for the phone in a field, then counts down a minute before it may resend. */
final class SmsCodeButton extends Button {

    private static final int WAIT_SECONDS = 60;

    private Registration poll;
    private int left;

    SmsCodeButton(Identities identities, SmsPurpose purpose, Supplier<String> phone, TextField showErrorsOn) {
        super();
        setText(getTranslation("account.sms.send"));
        addThemeVariants(ButtonVariant.LUMO_CONTRAST);
        addClassName("cc-sms-button");
        setDisableOnClick(true);
        addClickListener(e -> {
            Optional<IdentityProblem> problem = identities.sendSmsCode(phone.get(), purpose);
            if (problem.isPresent()) {
                showErrorsOn.setInvalid(true);
                showErrorsOn.setErrorMessage(Problems.message(this, problem.get()));
                setEnabled(true);
                return;
            }
            showErrorsOn.setInvalid(false);
            countDown(e.getSource().getUI().orElseThrow());
        });
    }

    private void countDown(UI ui) {
        left = WAIT_SECONDS;
        setText(getTranslation("account.sms.sent", left));
        ui.setPollInterval(1000);
        poll = ui.addPollListener(e -> {
            left--;
            if (left <= 0) {
                poll.remove();
                ui.setPollInterval(-1);
                setText(getTranslation("account.sms.send"));
                setEnabled(true);
            } else {
                setText(getTranslation("account.sms.sent", left));
            }
        });
    }
}
