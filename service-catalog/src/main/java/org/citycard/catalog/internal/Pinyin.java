package org.citycard.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Pinyin keys of Chinese text, for citizens who type {@code shuifei} or {@code sf} to find 水费. For every
 * syllable boundary it yields the rest of the text as full pinyin and as initials, so a prefix query matches
 * a word anywhere in a name ({@code jiaofei} finds 水费缴费 too).
 */
final class Pinyin {

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    /** Readings of characters that pinyin4j lists second, in the words where the catalog uses them. */
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("银行", new String[] {"yin", "hang"}),
            Map.entry("长辈", new String[] {"zhang", "bei"}),
            Map.entry("还款", new String[] {"huan", "kuan"}),
            Map.entry("重庆", new String[] {"chong", "qing"}),
            Map.entry("行驶", new String[] {"xing", "shi"}),
            Map.entry("乐园", new String[] {"le", "yuan"}),
            Map.entry("音乐", new String[] {"yin", "yue"}),
            Map.entry("了解", new String[] {"liao", "jie"}),
            Map.entry("调整", new String[] {"tiao", "zheng"}),
            Map.entry("调解", new String[] {"tiao", "jie"}),
            Map.entry("单位", new String[] {"dan", "wei"}),
            Map.entry("省会", new String[] {"sheng", "hui"}),
            Map.entry("会计", new String[] {"kuai", "ji"}),
            Map.entry("朝阳", new String[] {"zhao", "yang"}),
            Map.entry("供电", new String[] {"gong", "dian"}),
            Map.entry("供水", new String[] {"gong", "shui"}),
            Map.entry("供暖", new String[] {"gong", "nuan"}),
            Map.entry("数据", new String[] {"shu", "ju"}),
            Map.entry("便民", new String[] {"bian", "min"}),
            Map.entry("公交", new String[] {"gong", "jiao"}));

    private Pinyin() {
    }

    /** The syllables of a text; characters without a reading (Latin, digits) are kept as lowercase runs. */
    static List<String> syllables(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder latin = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (i + 1 < text.length()) {
                String[] word = WORDS.get(text.substring(i, i + 2));
                if (word != null) {
                    flush(latin, out);
                    out.add(word[0]);
                    out.add(word[1]);
                    i += 2;
                    continue;
                }
            }
            String reading = reading(c);
            if (reading != null) {
                flush(latin, out);
                out.add(reading);
            } else if (Character.isLetterOrDigit(c)) {
                latin.append(Character.toLowerCase(c));
            } else {
                flush(latin, out);
            }
            i++;
        }
        flush(latin, out);
        return out;
    }

    /** Index keys: the full pinyin from each syllable to the end. */
    static Set<String> fullKeys(String text) {
        return keys(syllables(text), false);
    }

    /** Index keys: the initials from each syllable to the end. */
    static Set<String> initialKeys(String text) {
        return keys(syllables(text), true);
    }

    static boolean hasHan(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static Set<String> keys(List<String> syllables, boolean initials) {
        Set<String> keys = new LinkedHashSet<>();
        for (int start = 0; start < syllables.size(); start++) {
            StringBuilder key = new StringBuilder();
            for (int j = start; j < syllables.size(); j++) {
                String s = syllables.get(j);
                key.append(initials ? s.substring(0, 1) : s);
            }
            keys.add(key.toString());
        }
        return keys;
    }

    private static String reading(char c) {
        if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
            return null;
        }
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? null : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flush(StringBuilder latin, List<String> out) {
        if (!latin.isEmpty()) {
            out.add(latin.toString());
            latin.setLength(0);
        }
    }
}
