package org.citycard.wallet;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code citycard.wallet.top-up.*}: a top-up is between {@code min-fen} and {@code max-fen} (1 to 2,000 yuan unless
 * configured), and the portal offers {@code presets-fen} with one tap.
 */
@ConfigurationProperties("citycard.wallet")
public record WalletProperties(TopUp topUp) {

    public WalletProperties {
        topUp = topUp == null ? new TopUp(null, null, null) : topUp;
    }

    public record TopUp(Long minFen, Long maxFen, List<Long> presetsFen) {
        public TopUp {
            minFen = minFen == null ? 100 : minFen;
            maxFen = maxFen == null ? 200_000 : maxFen;
            presetsFen = presetsFen == null ? List.of(2_000L, 5_000L, 10_000L, 20_000L) : List.copyOf(presetsFen);
            if (minFen < 1 || maxFen < minFen) {
                throw new IllegalArgumentException("citycard.wallet.top-up: 1 <= min-fen <= max-fen");
            }
            long min = minFen;
            long max = maxFen;
            if (presetsFen.stream().anyMatch(p -> p < min || p > max)) {
                throw new IllegalArgumentException("citycard.wallet.top-up.presets-fen: each between min-fen and max-fen");
            }
        }
    }
}
