package io.newsloom.extractor;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DateParserTest {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    static final LocalDate FETCHED = LocalDate.of(2022, 12, 1);

    static OffsetDateTime parse(String s, ZoneOffset zone) {
        return DateParser.parse(s, zone, FETCHED);
    }

    @Test
    void iso8601WithAndWithoutZone() {
        assertEquals(OffsetDateTime.parse("2019-11-18T10:45:00Z"), parse("2019-11-18T10:45:00Z", CHINA));
        assertEquals(OffsetDateTime.parse("2019-11-18T10:45:00-05:00"), parse("2019-11-18T10:45:00-0500", CHINA));
        assertEquals(OffsetDateTime.parse("2019-11-18T10:45:30.123+01:00").withNano(0),
                parse("2019-11-18T10:45:30.123+01:00", CHINA));
        assertEquals(OffsetDateTime.parse("2019-11-18T10:45:00+08:00"), parse("2019-11-18T10:45:00", CHINA));
        assertEquals(OffsetDateTime.parse("2019-11-18T00:00:00Z"), parse("2019-11-18", ZoneOffset.UTC));
    }

    @Test
    void rfc1123() {
        assertEquals(OffsetDateTime.parse("2019-11-19T13:05:00Z"), parse("Tue, 19 Nov 2019 13:05:00 GMT", CHINA));
    }

    @Test
    void englishMonthNames() {
        assertEquals(OffsetDateTime.parse("2024-03-14T00:00:00Z"), parse("March 14, 2024", ZoneOffset.UTC));
        assertEquals(OffsetDateTime.parse("2024-03-14T15:30:00-04:00"),
                parse("Updated Mar. 14, 2024 at 3:30 p.m. EDT", ZoneOffset.UTC));
        assertEquals(OffsetDateTime.parse("2024-03-14T00:00:00Z"), parse("14 March 2024", ZoneOffset.UTC));
    }

    @Test
    void numericFormsTakeTheSiteZone() {
        assertEquals(OffsetDateTime.parse("2022-11-30T10:21:00+08:00"), parse("2022-11-30 10:21", CHINA));
        assertEquals(OffsetDateTime.parse("2022-11-30T00:00:00+08:00"), parse("2022/11/30", CHINA));
        assertEquals(OffsetDateTime.parse("2022-12-01T08:30:00+08:00"), parse("來源:XX網 2022-12-01 08:30", CHINA));
    }

    @Test
    void chineseForms() {
        assertEquals(OffsetDateTime.parse("2022-12-01T08:30:00+08:00"), parse("2022年12月01日 08:30", CHINA));
        assertEquals(OffsetDateTime.parse("2022-11-30T00:00:00+08:00"), parse("11月30日,據工信部官網消息", CHINA));
    }

    @Test
    void monthDayWithoutYearNeverLandsInTheFuture() {
        // Seen on 1 December 2022, "12月25日" is last Christmas, not next.
        assertEquals(OffsetDateTime.parse("2021-12-25T00:00:00+08:00"), parse("12月25日", CHINA));
        assertNull(DateParser.parse("11月30日", CHINA, null));
    }

    @Test
    void nonsenseIsNull() {
        assertNull(parse("no date here", CHINA));
        assertNull(parse("2022-13-45", CHINA));
        assertNull(parse(null, CHINA));
    }
}
