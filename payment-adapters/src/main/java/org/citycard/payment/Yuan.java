package org.citycard.payment;

import org.citycard.kernel.Fen;

/** Money is fen in CityCard; channels that speak yuan strings ("50.00") are converted at their edge with this. */
public final class Yuan {

    private Yuan() {
    }

    /** 5000 → "50.00". */
    public static String of(long fen) {
        return Fen.of(fen).yuan();
    }

    /** Yuan with at most two decimals, as fen (negative too); anything else is refused rather than guessed. */
    public static long fenOf(String yuan) {
        return Fen.parseYuan(yuan).map(Fen::value)
                .orElseThrow(() -> new IllegalArgumentException("not an amount in yuan: " + yuan));
    }

    /** "50.00" → 5000; anything that is not an amount in whole fen → -1 (which no order ever matches). */
    public static long toFen(String yuan) {
        try {
            return fenOf(yuan);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
