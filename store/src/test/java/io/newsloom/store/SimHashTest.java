package io.newsloom.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimHashTest {

    static final String STORY = """
            The river authority opened the northern spillway on Tuesday morning after three days of heavy rain pushed
            the reservoir above its seasonal limit. Engineers said the dam itself was never at risk, but farmers in
            the valley below were told to move livestock to higher ground before noon. The water is expected to fall
            back within a week if the forecast holds, and the authority will publish gauge readings every six hours.
            """;
    static final String OTHER = """
            The city council voted to extend the night bus network to the eastern suburbs, adding four routes that
            will run every twenty minutes between midnight and five. Transport officials expect the change to cost
            less than the taxi vouchers it replaces, and the first buses will run at the start of next month after
            drivers finish a short course on the new timetables and the stops that were moved last year.
            """;

    @Test
    void theSameStoryInOtherSpacingPunctuationAndCaseHasTheSameFingerprint() {
        String reformatted = STORY.toUpperCase().replace(",", " ,").replace("\n", "\n\n").replace(".", "!");
        assertEquals(SimHash.of(STORY).getAsLong(), SimHash.of(reformatted).getAsLong());
    }

    @Test
    void aCopyWithAnAddedLineIsNearAndAnotherStoryIsFar() {
        long story = SimHash.of(STORY).getAsLong();
        long copy = SimHash.of(STORY + "\nReporting by the Valley Herald.").getAsLong();
        long other = SimHash.of(OTHER).getAsLong();
        assertTrue(SimHash.near(story, copy), "distance " + SimHash.distance(story, copy));
        assertFalse(SimHash.near(story, other), "distance " + SimHash.distance(story, other));
        assertTrue(SimHash.distance(story, other) > 10, "distance " + SimHash.distance(story, other));
    }

    @Test
    void chineseIsShingledByCharacterAndFullWidthFormsCountAsTheirPlainOnes() {
        String zh = "11月30日，據工信部官網消息，近日，工業和信息化部正式公布45個國家先進制造集群的名單。"
                + "相關集群2021年主導產業產值達19萬億元，培育2200余家國家級專精特新企業。";
        String halfWidth = zh.replace('，', ',').replace("2021", "２０２１");
        assertEquals(SimHash.of(zh).getAsLong(), SimHash.of(halfWidth).getAsLong());
        assertEquals(List.of("11", "月", "30", "日"), SimHash.tokens(zh).subList(0, 4));
        String otherZh = "市政府今天宣布延長夜間巴士路線，東部郊區新增四條線路，每二十分鐘一班，下月起開始運行，司機將先接受培訓。";
        assertFalse(SimHash.near(SimHash.of(zh).getAsLong(), SimHash.of(otherZh).getAsLong()));
    }

    @Test
    void aShortTextHasNoFingerprint() {
        assertEquals(OptionalLong.empty(), SimHash.of("Water levels rose again."));
        assertEquals(OptionalLong.empty(), SimHash.of(""));
        assertEquals(OptionalLong.empty(), SimHash.of(null));
    }

    @Test
    void fingerprintsAtMostThreeBitsApartShareABandAndBandsNeverCollideAcrossPositions() {
        long a = SimHash.of(STORY).getAsLong();
        long b = a ^ (1L << 3) ^ (1L << 20) ^ (1L << 40);   // one bit in each of three bands
        Integer[] bandsA = SimHash.bands(a);
        Integer[] bandsB = SimHash.bands(b);
        assertEquals(bandsA[3], bandsB[3]);
        for (int i = 0; i < 3; i++) {
            assertNotEquals(bandsA[i], bandsB[i]);
        }
        Integer[] zeros = SimHash.bands(0L);
        assertEquals(List.of(0, 65536, 131072, 196608), List.of(zeros));
    }
}
