package io.newsloom.extractor;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageDecoderTest {

    static final String STORY = "<html><head><title>國家先進製造集群名單公布</title></head><body><p>"
            + "工業和信息化部正式公布45個國家先進製造集群的名單。相關集群2021年主導產業產值達19萬億元,"
            + "培育2200餘家國家級專精特新小巨人企業,成為推動製造業高質量發展的重要載體。其中,新一代信息技術、"
            + "高端裝備領域集群各13個,兩類集群總數在全部集群中佔比過半。</p></body></html>";
    static final String SIMPLIFIED = "<html><head><title>国家先进制造集群名单公布</title></head><body><p>"
            + "工业和信息化部正式公布45个国家先进制造集群的名单。相关集群2021年主导产业产值达19万亿元,"
            + "培育2200余家国家级专精特新小巨人企业,成为推动制造业高质量发展的重要载体。其中,新一代信息技术、"
            + "高端装备领域集群各13个,两类集群总数在全部集群中占比过半。</p></body></html>";

    static String text(PageDecoder.Decoded d, byte[] body) {
        return d.text() != null ? d.text() : new String(body, d.offset(), body.length - d.offset(), StandardCharsets.UTF_8);
    }

    @Test
    void big5WithoutMetaIsDetected() {
        byte[] body = STORY.getBytes(Charset.forName("Big5"));
        PageDecoder.Decoded d = PageDecoder.decode(body, Map.of());
        assertEquals(STORY, text(d, body));
        assertTrue(d.charset().toLowerCase().contains("big5"), d.charset());
    }

    @Test
    void gbkWithNothingDeclaredIsDetected() {
        byte[] body = SIMPLIFIED.getBytes(Charset.forName("GBK"));
        PageDecoder.Decoded d = PageDecoder.decode(body, Map.of());
        assertEquals(SIMPLIFIED, text(d, body));
    }

    @Test
    void headerBeatsMeta() {
        String html = "<meta charset=\"utf-8\"><p>café</p>";
        byte[] body = html.getBytes(StandardCharsets.ISO_8859_1);
        PageDecoder.Decoded d = PageDecoder.decode(body, Map.of("content-type", "text/html; charset=ISO-8859-1"));
        assertEquals(html, text(d, body));
    }

    @Test
    void httpEquivMetaInCapitalsAfterOtherTagsIsRead() {
        String html = "<!DOCTYPE html><html><head><meta name=\"viewport\" content=\"width=device-width\">"
                + "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; Charset=GB2312\">"
                + SIMPLIFIED.substring("<html><head>".length());
        byte[] body = html.getBytes(Charset.forName("GBK"));
        PageDecoder.Decoded d = PageDecoder.decode(body, Map.of());
        assertEquals("GB18030", d.charset());
        assertEquals(html, text(d, body));
    }

    @Test
    void wrongDeclarationFallsBackToDetection() {
        // Declared UTF-8, really GBK: the declaration does not decode, so the bytes decide.
        String html = "<meta charset=\"utf-8\">" + SIMPLIFIED;
        byte[] body = html.getBytes(Charset.forName("GBK"));
        assertEquals(html, text(PageDecoder.decode(body, Map.of()), body));
    }

    @Test
    void latin1LabelOnUtf8BytesIsUtf8() {
        String html = "<meta charset=\"iso-8859-1\"><p>naïve café — “quoted”</p>";
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        PageDecoder.Decoded d = PageDecoder.decode(body, Map.of());
        assertEquals("UTF-8", d.charset());
        assertEquals(html, text(d, body));
    }

    @Test
    void byteOrderMarkWins() {
        byte[] html = "<p>Grüße</p>".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[html.length + 3];
        body[0] = (byte) 0xef;
        body[1] = (byte) 0xbb;
        body[2] = (byte) 0xbf;
        System.arraycopy(html, 0, body, 3, html.length);
        PageDecoder.Decoded d = PageDecoder.decode(body, Map.of("content-type", "text/html; charset=gbk"));
        assertEquals("<p>Grüße</p>", text(d, body));
    }

    @Test
    void utf8Validation() {
        assertTrue(Utf8.isValid("abc é 中 😀".getBytes(StandardCharsets.UTF_8), 0));
        assertEquals(false, Utf8.isValid(new byte[] {(byte) 0xc0, (byte) 0xaf}, 0)); // overlong
        assertEquals(false, Utf8.isValid(new byte[] {(byte) 0xe4, (byte) 0xb8}, 0)); // truncated
        assertEquals(false, Utf8.isValid(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0)); // surrogate
    }
}
