package org.citycard.card;

import java.time.Instant;

/** A WeChat or Alipay login linked to a citizen; the platform's user id is shown masked. */
public record LinkedLogin(ExternalLogin provider, String subjectMasked, Instant linkedAt) {
}
