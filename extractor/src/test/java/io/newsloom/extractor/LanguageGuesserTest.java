package io.newsloom.extractor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LanguageGuesserTest {

    static final String TRADITIONAL = "工業和信息化部正式公布45個國家先進制造集群的名單,成為推動制造業高質量發展的重要載體。";
    static final String SIMPLIFIED = "工业和信息化部正式公布45个国家先进制造集群的名单,成为推动制造业高质量发展的重要载体。";
    static final String ENGLISH = "The minister said that the plan is in line with the goals of the government and the people.";

    @Test
    void declaredLanguageAgreeingWithTheScript() {
        assertEquals("en", LanguageGuesser.guess("en-US", null, ENGLISH));
        assertEquals("zh-Hant", LanguageGuesser.guess("zh-TW", null, TRADITIONAL));
        assertEquals("zh-Hans", LanguageGuesser.guess("zh_CN", null, SIMPLIFIED));
    }

    @Test
    void chineseScriptFromTheText() {
        assertEquals("zh-Hant", LanguageGuesser.guess("zh", null, TRADITIONAL));
        assertEquals("zh-Hans", LanguageGuesser.guess(null, null, SIMPLIFIED));
    }

    @Test
    void templateLangWrongForTheText() {
        assertEquals("zh-Hant", LanguageGuesser.guess("en", null, TRADITIONAL));
    }

    @Test
    void headerBeatsMarkup() {
        assertEquals("fr", LanguageGuesser.guess("en", "fr-FR", "Le ministre a dit que le plan est conforme."));
    }

    @Test
    void otherScripts() {
        assertEquals("ja", LanguageGuesser.guess(null, null, "東京都は新しい計画を発表しました。これは重要です。"));
        assertEquals("ko", LanguageGuesser.guess(null, null, "서울시는 새로운 계획을 발표했습니다."));
        assertEquals("ru", LanguageGuesser.guess(null, null, "Министр сказал, что план соответствует целям."));
        assertEquals("en", LanguageGuesser.guess(null, null, ENGLISH));
    }
}
