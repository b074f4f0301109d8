package org.citycard.card;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test data for citizens: valid phones and ID numbers that no real person holds, and codes from the SMS inbox. */
public final class CardSamples {

    private static final Pattern CODE = Pattern.compile("(\\d{6})");

    private CardSamples() {
    }

    /** A random, valid mobile number. */
    public static String phone() {
        return "139" + "%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A random, valid resident ID number of a 黄石 citizen aged about 26 to 35. */
    public static String idNumber() {
        var random = ThreadLocalRandom.current();
        // an adult of 26 to 35 whatever the year the tests run in (born in the 1980s, the people who book a vaccine
        // for adults up to 45 aged out of it one birth year at a time)
        int born = java.time.LocalDate.now().getYear() - 35 + random.nextInt(10);
        String first17 = "420202" + born + "%02d%02d%03d".formatted(1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000));
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** A random, valid resident ID number of a 黄石 citizen born on that day, of that sex. */
    public static String idNumber(java.time.LocalDate born, boolean male) {
        var random = ThreadLocalRandom.current();
        String first17 = "420202" + born.toString().replace("-", "") + "%02d%d".formatted(random.nextInt(100),
                random.nextInt(5) * 2 + (male ? 1 : 0));
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** The code in the newest inbox message sent to the phone. */
    public static String lastCode(SmsInbox inbox, String phone) {
        String masked = PhoneNumber.parse(phone).orElseThrow().masked();
        return inbox.messages().stream().filter(m -> m.phoneMasked().equals(masked)).findFirst()
                .map(m -> {
                    Matcher matcher = CODE.matcher(m.text());
                    return matcher.find() ? matcher.group(1) : null;
                })
                .orElseThrow(() -> new AssertionError("no SMS in the inbox for " + masked));
    }
}
