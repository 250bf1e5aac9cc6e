package io.newsloom.extractor;

import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextMeasureTest {

    @Test
    void strippedTextLengthIsTheLengthOfJsoupsTrimmedText() {
        String[] samples = {"", "   ", " plain ", "a  b\t\nc", "\u00a0non\u00a0breaking\u00a0", "zero\u200bwidth soft\u00adhyphen",
                "\u3000全角空格\u3000", "\u2003em space\u2003 ", "\u200b \u200b", "emoji 😀 end", "中文，標點。"};
        for (String s : samples) {
            assertEquals(new TextNode(s).text().strip().length(), TextMeasure.strippedTextLength(s), s);
        }
    }

    @Test
    void sizeCountsWordsAndCjkWeightedCharacters() {
        // "Hello," 6 + "world" 5 + two CJK characters at 3 each; words: two Latin, one per CJK character.
        assertEquals(new TextMeasure.Size(4, 17), TextMeasure.size("Hello, world\u00a0中文"));
        assertEquals(new TextMeasure.Size(3, 10), TextMeasure.size(" e-mail café "));
        assertEquals(new TextMeasure.Size(0, 0), TextMeasure.size(""));
    }
}
