package org.citycard.portal.account;

import java.util.Optional;
import java.util.function.Supplier;

import org.citycard.card.CitizenId;
import org.citycard.card.HumanCheck;
import org.citycard.card.Identities;
import org.citycard.card.IdentityProblem;
import org.citycard.card.SmsPurpose;
import org.citycard.card.SmsRequester;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.Registration;

/**
 * "Send code": sends an SMS code for the phone in a field, then counts down a minute before it may resend. Codes
 * are counted against this browser session, its address and the signed-in account; past a few an hour the
 * browser first runs the human check by itself (a proof of work, nothing to read or solve), while the button
 * says so.
 */
final class SmsCodeButton extends Button {

    private static final int WAIT_SECONDS = 60;
    /** Finds the proof with the browser's own SHA-256; no script is loaded from anywhere. */
    private static final String SOLVE = """
            return (async () => {
              const token = $0, bits = $1, encoder = new TextEncoder();
              for (let n = 0; n < 50000000; n++) {
                const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token + ':' + n)));
                let ok = true;
                for (let i = 0; i < bits && ok; i++) { ok = (hash[i >> 3] & (0x80 >> (i & 7))) === 0; }
                if (ok) { return token + ':' + n; }
              }
              return '';
            })()""";

    private final Identities identities;
    private final HumanCheck humanCheck;
    private final SmsPurpose purpose;
    private final Supplier<String> phone;
    private final Supplier<CitizenId> account;
    private final TextField showErrorsOn;
    private Registration poll;
    private int left;

    SmsCodeButton(Identities identities, HumanCheck humanCheck, SmsPurpose purpose, Supplier<String> phone,
                  Supplier<CitizenId> account, TextField showErrorsOn) {
        super();
        this.identities = identities;
        this.humanCheck = humanCheck;
        this.purpose = purpose;
        this.phone = phone;
        this.account = account;
        this.showErrorsOn = showErrorsOn;
        setText(getTranslation("account.sms.send"));
        addThemeVariants(ButtonVariant.LUMO_CONTRAST);
        addClassName("cc-sms-button");
        setDisableOnClick(true);
        addClickListener(e -> send(null));
    }

    private void send(String proof) {
        Optional<IdentityProblem> problem = identities.sendSmsCode(phone.get(), purpose, requester(proof));
        if (problem.isPresent() && problem.get() == IdentityProblem.HUMAN_CHECK_REQUIRED && proof == null) {
            runHumanCheck();
            return;
        }
        if (problem.isPresent()) {
            showErrorsOn.setInvalid(true);
            showErrorsOn.setErrorMessage(Problems.message(this, problem.get()));
            setText(getTranslation("account.sms.send"));
            setEnabled(true);
            return;
        }
        showErrorsOn.setInvalid(false);
        countDown(getUI().orElseThrow());
    }

    private void runHumanCheck() {
        HumanCheck.Challenge challenge = humanCheck.challenge();
        setText(getTranslation("account.sms.checking"));
        getElement().setAttribute("aria-busy", "true");
        // run on the page, not on this button: Vaadin drops answers addressed to a disabled component
        getUI().orElseThrow().getPage().executeJs(SOLVE, challenge.token(), challenge.difficulty()).then(String.class, solution -> {
            getElement().removeAttribute("aria-busy");
            send(solution == null || solution.isEmpty() ? "none" : solution);
        }, failure -> {
            getElement().removeAttribute("aria-busy");
            send("none");
        });
    }

    private SmsRequester requester(String proof) {
        VaadinSession session = VaadinSession.getCurrent();
        VaadinRequest request = VaadinRequest.getCurrent();
        String sessionId = session == null || session.getSession() == null ? null : session.getSession().getId();
        return new SmsRequester(account.get(), sessionId, request == null ? null : request.getRemoteAddr(), proof);
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
