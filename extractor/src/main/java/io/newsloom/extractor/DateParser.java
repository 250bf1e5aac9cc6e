package io.newsloom.extractor;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date formats real news sites use. A date without a zone is taken in the zone given by the caller
 * (the site's likely zone); a date without a year takes the year of the reference date (the fetch date), or
 * the year before when that would put it in the future.
 */
final class DateParser {

    private static final String MONTHS = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
    private static final Map<String, Integer> MONTH_NUMBERS = Map.ofEntries(Map.entry("jan", 1),
            Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6),
            Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("sept", 9),
            Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final String TIME = "(?:[T\\s,]+(?:at\\s+)?(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?\\s*([ap]\\.?m\\.?)?)?";
    private static final String ZONE = "\\s*(Z|[+-]\\d{2}:?\\d{2}|UTC|GMT|[ECMP][SD]T|[ECMP]T)?";

    /** 2022-11-30, 2022/11/30, 2022.11.30, optionally with a time and zone. */
    private static final Pattern NUMERIC = Pattern.compile(
            "(?<!\\d)(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)" + TIME + ZONE, Pattern.CASE_INSENSITIVE);
    /** 2022年12月01日 08:30 */
    private static final Pattern CJK_FULL = Pattern.compile(
            "(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号號]?" + TIME);
    /** 11月30日 (no year) */
    private static final Pattern CJK_MONTH_DAY = Pattern.compile(
            "(?<![\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号號]" + TIME);
    /** March 14, 2024 / Mar. 14 2024 */
    private static final Pattern MONTH_FIRST = Pattern.compile(
            "\\b" + MONTHS + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})" + TIME + ZONE, Pattern.CASE_INSENSITIVE);
    /** 14 March 2024 */
    private static final Pattern DAY_FIRST = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTHS + ",?\\s+(\\d{4})" + TIME + ZONE, Pattern.CASE_INSENSITIVE);

    private DateParser() {}

    /**
     * Parses a whole date string (from metadata), or finds the first date inside a text.
     *
     * @param defaultZone zone of dates that state none
     * @param reference   gives the year to dates without one; may be null
     */
    static OffsetDateTime parse(String text, ZoneOffset defaultZone, LocalDate reference) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty() || s.length() > 400) {
            return null;
        }
        OffsetDateTime strict = parseStrict(s, defaultZone);
        if (strict != null) {
            return strict;
        }
        Matcher m = NUMERIC.matcher(s);
        if (m.find()) {
            return build(num(m, 1), num(m, 2), num(m, 3), m, 4, m.group(8), defaultZone);
        }
        m = CJK_FULL.matcher(s);
        if (m.find()) {
            return build(num(m, 1), num(m, 2), num(m, 3), m, 4, null, defaultZone);
        }
        m = MONTH_FIRST.matcher(s);
        if (m.find()) {
            return build(num(m, 3), month(m.group(1)), num(m, 2), m, 4, m.group(8), defaultZone);
        }
        m = DAY_FIRST.matcher(s);
        if (m.find()) {
            return build(num(m, 3), month(m.group(2)), num(m, 1), m, 4, m.group(8), defaultZone);
        }
        m = CJK_MONTH_DAY.matcher(s);
        if (m.find() && reference != null) {
            OffsetDateTime d = build(reference.getYear(), num(m, 1), num(m, 2), m, 3, null, defaultZone);
            if (d != null && d.toLocalDate().isAfter(reference.plusDays(1))) {
                d = d.minusYears(1); // "11月30日" seen in January is last year's
            }
            return d;
        }
        return null;
    }

    /** ISO 8601 and RFC 1123 as whole strings. */
    /**
     * RFC 1123 as a whole string ("Tue, 19 Nov 2019 13:05:00 GMT"). ISO 8601 needs no strict parse: the numeric
     * pattern reads it, zone included, without the cost of a thrown exception per miss.
     */
    private static OffsetDateTime parseStrict(String s, ZoneOffset defaultZone) {
        if (s.length() < 20 || s.charAt(3) != ',') {
            return null;
        }
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int month(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace(".", "");
        Integer n = MONTH_NUMBERS.get(key.length() > 3 && !key.startsWith("sept") ? key.substring(0, 3)
                : key.startsWith("sept") ? "sept" : key);
        return n == null ? -1 : n;
    }

    /** Groups from timeGroup: hour, minute, second, am/pm. */
    private static OffsetDateTime build(int year, int month, int day, Matcher m, int timeGroup, String zone,
                                        ZoneOffset defaultZone) {
        if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(year, month, day);
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(timeGroup) != null) {
                int hour = num(m, timeGroup);
                int minute = num(m, timeGroup + 1);
                int second = m.group(timeGroup + 2) == null ? 0 : num(m, timeGroup + 2);
                String ampm = m.group(timeGroup + 3);
                if (ampm != null) {
                    boolean pm = Character.toLowerCase(ampm.charAt(0)) == 'p';
                    hour = hour % 12 + (pm ? 12 : 0);
                }
                time = LocalTime.of(hour, minute, second);
            }
            return LocalDateTime.of(date, time).atOffset(zoneOf(zone, defaultZone));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ZoneOffset zoneOf(String zone, ZoneOffset defaultZone) {
        if (zone == null || zone.isEmpty()) {
            return defaultZone;
        }
        String z = zone.toUpperCase(Locale.ROOT);
        return switch (z) {
            case "Z", "UTC", "GMT" -> ZoneOffset.UTC;
            // US zone abbreviations: the standard/daylight pair as written; bare "ET" is read as standard time.
            case "EST", "ET" -> ZoneOffset.ofHours(-5);
            case "EDT", "CST", "CT" -> z.equals("EDT") ? ZoneOffset.ofHours(-4) : ZoneOffset.ofHours(-6);
            case "CDT", "MST", "MT" -> z.equals("CDT") ? ZoneOffset.ofHours(-5) : ZoneOffset.ofHours(-7);
            case "MDT", "PST", "PT" -> z.equals("MDT") ? ZoneOffset.ofHours(-6) : ZoneOffset.ofHours(-8);
            case "PDT" -> ZoneOffset.ofHours(-7);
            default -> ZoneOffset.of(z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
        };
    }
}
