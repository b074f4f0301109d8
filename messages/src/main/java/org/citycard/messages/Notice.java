package org.citycard.messages;

import org.citycard.card.CitizenId;

/**
 * A message to one citizen, in Chinese and English. {@code urgent} ones go out in quiet hours too; {@code link}
 * is a portal path ("/me/bills") or null; {@code key} makes sending it again harmless (null: none).
 */
public record Notice(CitizenId citizen, Topic topic, boolean urgent, String titleZh, String bodyZh, String titleEn,
                     String bodyEn, String link, String key) {
}
