package io.newsloom.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Hostile requests for the api: every query parameter, path id, header and body it reads, given known-nasty values
 * (SQL fragments, NUL, invalid UTF-8 and lone surrogates as percent-encodings, 10 kB values, huge numbers, malformed
 * and wrongly shaped JSON, wrong content types) and seeded random ones, sent as raw as java.net.http allows. What
 * comes back is checked: never a 5xx, every 4xx a problem+json, no stack trace in any body.
 */
public final class ApiFuzz {

    /** One request: method, raw (already encoded) path and query, headers, body (null: none). */
    public record Probe(String method, String target, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            String b = body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8));
            return method + " " + abbreviate(target) + " " + headers.keySet() + b;
        }
    }

    /** A response that broke a rule. */
    public record Finding(Probe probe, int status, String rule, String body) {
        @Override
        public String toString() {
            return rule + ": " + status + " to " + probe + " -> " + abbreviate(body);
        }
    }

    /** What a run came to. */
    public record Report(long seed, int sent, SortedMap<Integer, Integer> statuses, List<Finding> findings) {
        public int serverErrors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        }

        public String summary() {
            return "api fuzz (seed " + seed + "): " + sent + " requests, statuses (0: closed) " + statuses + ", 5xx "
                    + serverErrors() + ", rule violations " + findings.size();
        }
    }

    /** The status tallied for a request the server closed without answering. */
    public static final int CLOSED = 0;

    /** The longest request line the api's HTTP server reads (Vert.x's default of 4096, with room). */
    static final int MAX_REQUEST_LINE = 8192;

    /** Query parameters of GET /api/v1/articles. */
    public static final List<String> LIST_PARAMETERS = List.of("q", "lang", "site", "since", "until", "duplicates",
            "limit", "cursor");

    /** Nasty values, already percent-encoded for a query or a path segment. */
    public static final List<String> NASTY;

    // a stack trace's frames, or an exception's qualified class name
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\tat |\\bat (io|java|jdk|org|com|sun)\\.|\\b[a-z]+(\\.[a-zA-Z_$][\\w$]*)+(Exception|Error)\\b");

    static {
        List<String> plain = List.of("", " ", "'", "''", "\"", "\\", "' OR '1'='1", "1; DROP TABLE article; --",
                "') OR 1=1 --", "1 UNION SELECT null, version() --", "%", "_", "*", "a:*", "!!!", "(((", "<->",
                "& | ! :", "\" OR \"\"=\"", "$1", "null", "true", "[]", "{}", "-1", "0", "-0", "1e309", "NaN",
                "Infinity", "0x10", "1.5", "99999999999999999999999999", "9223372036854775807", "-9223372036854775808",
                "2147483648", "2024-02-30", "2024-13-01", "0000-00-00", "9999-12-31", "0001-01-01",
                "+294277-01-01T00:00:00Z", "-4714-11-24T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00+18:00", "2024-03-14T25:00:00Z", "2024-03-14T09:30:00+24:00",
                "../../etc/passwd", "..%2F..%2F", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}",
                "\u202e\u0000\u0007", "\t\r\n", "地铁 -先進 or \"制造\"", "\uFEFFbom", "𝕏😀", "a".repeat(10_240),
                "中".repeat(5_000), "v1:" + "0".repeat(12) + ":1:0", "djE6YWJjOjk5OTk5OTk5OTk5OTk5OTk5OTk5OjA",
                "0:1,0:2", "0:99999999999999999999", "2147483647:1", "-5:1", "https://example.org/a?b=c#d",
                "javascript:alert(1)", "http://[::1", "http://%00/");
        List<String> encoded = new ArrayList<>();
        for (String s : plain) {
            encoded.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
        }
        // raw encodings no Java string can carry: invalid UTF-8, overlong forms, lone surrogates, NUL
        encoded.addAll(List.of("%00", "a%00b", "%C0%AF", "%C0%80", "%FF", "%FE%FF", "%ED%A0%80", "%ED%BF%BF",
                "%F4%90%80%80", "%E2%82", "%80", "%C3", "%25%32%35", "%2e%2e%2f", "%0d%0aSet-Cookie:%20x=1"));
        NASTY = List.copyOf(encoded);
    }

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=latin1", "application/json; charset=bogus-charset",
            "application/json;;;=", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "*/*", "json", "application/problem+json", "");

    private final URI base;
    private final String apiKey;
    private final long seed;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param base   the api, e.g. http://127.0.0.1:8080
     * @param apiKey the key writes need (sent on most writes so that they reach the body checks), or null
     * @param seed   the random generator's seed: the same seed sends the same requests
     */
    public ApiFuzz(URI base, String apiKey, long seed) {
        this.base = base;
        this.apiKey = apiKey;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The fixed cases for every parameter, path, header and body, then {@code randomRounds} random requests. */
    public List<Probe> probes(int randomRounds) {
        List<Probe> probes = new ArrayList<>();
        for (String value : NASTY) {
            for (String parameter : LIST_PARAMETERS) {
                probes.add(get("/api/v1/articles?" + parameter + "=" + value));
            }
            probes.add(get("/api/v1/articles/lookup?url=" + value));
            if (!value.isEmpty()) {
                probes.add(get("/api/v1/articles/" + value));
                probes.add(get("/api/v1/articles/" + value + "/revisions"));
                probes.add(write("DELETE", "/api/v1/sources/" + value, null, null));
            }
            probes.add(stream(value));
        }
        for (String body : nastyBodies()) {
            for (String path : List.of("/api/v1/crawl", "/api/v1/sources")) {
                probes.add(write("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (byte[] body : invalidUtf8Bodies()) {
            probes.add(write("POST", "/api/v1/crawl", "application/json", body));
            probes.add(write("POST", "/api/v1/sources", "application/json", body));
        }
        for (String type : CONTENT_TYPES) {
            byte[] body = "{\"urls\": [\"https://example.org/fuzz\"]}".getBytes(StandardCharsets.UTF_8);
            probes.add(write("POST", "/api/v1/crawl", type, body));
            probes.add(write("POST", "/api/v1/sources", type, body));
        }
        for (String method : List.of("PUT", "PATCH", "DELETE", "POST", "OPTIONS", "HEAD", "TRACE")) {
            for (String path : List.of("/api/v1/articles", "/api/v1/crawl", "/api/v1/sources", "/api/v1/nothing")) {
                probes.add(write(method, path, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (int i = 0; i < randomRounds; i++) {
            probes.add(randomProbe());
        }
        return probes;
    }

    /**
     * Every write the api has (and writes to paths it does not have), without the key and with wrong keys: each must
     * be a 401 problem. Needs the api to have a key configured.
     */
    public List<Probe> writesWithoutTheKey() {
        List<String> wrongKeys = new ArrayList<>(List.of("", "wrong", "null", "' OR '1'='1", "k".repeat(4000)));
        if (apiKey != null) {
            // not the key with a space after it: HTTP drops the whitespace around a header value
            wrongKeys.addAll(List.of(" x" + apiKey, apiKey.substring(1), apiKey.substring(0, apiKey.length() - 1),
                    apiKey.toUpperCase(java.util.Locale.ROOT), apiKey + apiKey, "Bearer " + apiKey));
        }
        byte[] crawl = "{\"urls\": [\"https://example.org/unauthorised\"]}".getBytes(StandardCharsets.UTF_8);
        byte[] source = "{\"url\": \"https://example.org/feed\", \"kind\": \"feed\"}".getBytes(StandardCharsets.UTF_8);
        List<Probe> writes = new ArrayList<>(List.of(
                new Probe("POST", "/api/v1/crawl", Map.of("Content-Type", "application/json"), crawl),
                new Probe("POST", "/api/v1/sources", Map.of("Content-Type", "application/json"), source),
                new Probe("DELETE", "/api/v1/sources/0123456789abcdef", Map.of(), null)));
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/api/v1/articles", "/api/v1/articles/0123456789abcdef", "/api/v1/crawl",
                    "/api/v1/sources", "/api/v1/nothing", "/")) {
                writes.add(new Probe(method, path, Map.of("Content-Type", "application/json"), crawl));
            }
        }
        List<Probe> probes = new ArrayList<>();
        for (Probe w : writes) {
            probes.add(w);
            for (String key : wrongKeys) {
                Map<String, String> headers = new LinkedHashMap<>(w.headers());
                headers.put("X-API-Key", key);
                probes.add(new Probe(w.method(), w.target(), headers, w.body()));
            }
        }
        return probes;
    }

    /** Sends the probes of {@link #writesWithoutTheKey()}: findings for every answer other than a 401 problem. */
    public Report runExpectingUnauthorized(List<Probe> probes) {
        return run(probes, (p, a) -> a.status == 401 && a.contentType != null
                && a.contentType.startsWith("application/problem+json") ? null : "not a 401 problem");
    }

    /** Sends every probe and checks every answer. */
    public Report run(List<Probe> probes) {
        return run(probes, ApiFuzz::violation);
    }

    private Report run(List<Probe> probes, java.util.function.BiFunction<Probe, Answer, String> rule) {
        SortedMap<Integer, Integer> statuses = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Probe p : probes) {
            Answer a = send(p);
            statuses.merge(a.status, 1, Integer::sum);
            String broken = rule.apply(p, a);
            if (broken != null) {
                findings.add(new Finding(p, a.status, broken, a.body));
            }
        }
        return new Report(seed, probes.size(), statuses, findings);
    }

    /** The rule an answer breaks, or null. */
    static String violation(Probe p, Answer a) {
        if (a.status == CLOSED) {
            // the HTTP server answers an over-long request line 414 and closes, often before the client has sent it
            return p.target().length() > MAX_REQUEST_LINE ? null : "closed without an answer";
        }
        if (a.status >= 500) {
            return "server error";
        }
        if (a.body != null && STACK_TRACE.matcher(a.body).find()) {
            return "stack trace in the body";
        }
        boolean bodyless = p.method().equals("HEAD") || a.body == null || a.body.isEmpty();
        if (a.status >= 400 && !bodyless && (a.contentType == null
                || !a.contentType.startsWith("application/problem+json"))) {
            return "error not as problem+json";
        }
        return null;
    }

    record Answer(int status, String contentType, String body) {
    }

    private Answer send(Probe p) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + p.target()))
                .timeout(Duration.ofSeconds(30))
                .method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(p.body()));
        p.headers().forEach(request::header);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("content-type").orElse(null);
            try (InputStream in = response.body()) {
                // an event stream that was accepted never ends: its headers are the answer
                if (type != null && type.startsWith("text/event-stream")) {
                    return new Answer(response.statusCode(), type, "");
                }
                return new Answer(response.statusCode(), type,
                        new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8));
            }
        } catch (HttpTimeoutException e) {
            return new Answer(599, null, "no answer within 30 s");
        } catch (IOException e) {
            return new Answer(CLOSED, null, "closed without an answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Probe get(String target) {
        return new Probe("GET", target, Map.of(), null);
    }

    private Probe stream(String lastEventId) {
        String decoded = java.net.URLDecoder.decode(lastEventId.replace("+", "%2B"), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/event-stream");
        // a header value carries visible ASCII only; what is left of the value still tests the parser
        String value = decoded.replaceAll("[^\\x20-\\x7E]", "").strip();
        if (!value.isEmpty()) {
            headers.put("Last-Event-ID", value);
        }
        return new Probe("GET", "/api/v1/articles/stream", headers, null);
    }

    private Probe write(String method, String target, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null) {
            headers.put("X-API-Key", apiKey);
        }
        if (contentType != null && !contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        return new Probe(method, target, headers, body);
    }

    /** Bodies for both write endpoints: malformed JSON, JSON of the wrong shape, nasty values where URLs belong. */
    static List<String> nastyBodies() {
        List<String> bodies = new ArrayList<>(List.of("", " ", "null", "[]", "{}", "\"urls\"", "123", "true", "{",
                "}", "{\"urls\":", "{\"urls\": [", "{\"urls\": null}", "{\"urls\": [null]}", "{\"urls\": [1, 2]}",
                "{\"urls\": [[]]}", "{\"urls\": {}}", "{\"urls\": \"https://example.org/\"}",
                "{\"urls\": [\"https://example.org/\"], \"kind\": 5}",
                "{\"urls\": [\"https://example.org/\"], \"kind\": null}",
                "{\"urls\": [\"https://example.org/\"], \"kind\": \"page\", \"extra\": {\"a\": [1]}}",
                "{\"urls\": [\"https://example.org/\"], \"urls\": [\"https://example.net/\"]}",
                "{\"url\": 1e999999, \"kind\": \"feed\"}", "{\"urls\": 1" + "0".repeat(10_000) + "}",
                "{\"url\": \"https://example.org/feed\", \"kind\": \"feed\", \"interval\": \"P99999999999D\"}",
                "{\"url\": \"https://example.org/feed\", \"kind\": \"feed\", \"interval\": \"PT-1S\"}",
                "{\"url\": \"https://example.org/feed\", \"kind\": \"feed\", \"interval\": 900}",
                "{\"url\": \"https://example.org/feed\", \"kind\": \"feed\", \"interval\": \"P1Y\"}",
                "{\"url\": [\"https://example.org/feed\"], \"kind\": [\"feed\"]}",
                "{\"urls\": [\"https://example.org/\u0000\"]}", "{\"urls\": [\"https://exa\\u0000mple.org/\"]}",
                "{\"urls\": [\"https://example.org/\\ud800\"]}", "{\"url\": \"https://example.org/\\udfff\"}",
                "{\"urls\": [\"https://" + "a".repeat(10_240) + ".org/\"]}",
                "{\"url\": \"https://example.org/" + "b".repeat(10_240) + "\", \"kind\": \"feed\"}",
                "{\"urls\": [\"" + "x".repeat(10_240) + "\"]}", "\uFEFF{\"urls\": [\"https://example.org/\"]}",
                "{\"urls\": [\"https://example.org/\"]} trailing", "{'urls': ['https://example.org/']}",
                "{\"urls\": [\"https://user:pass@example.org:99999/\"]}", "{\"urls\": [\"http://:80/\"]}",
                "{\"urls\": [\"https://example.org:-1/\"]}", "{\"urls\": [\"https://[::1/\"]}",
                "[".repeat(100_000) + "]".repeat(100_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                "{\"urls\": [" + String.join(",", Collections.nCopies(10_000, "\"https://example.org/x\"")) + "]}"));
        for (String value : List.of("' OR '1'='1", "1; DROP TABLE article; --", "%00", "%C0%AF", "..\\\\..",
                "https://example.org/'; DROP TABLE frontier; --", "https://example.org/?q=%ED%A0%80")) {
            bodies.add("{\"urls\": [\"" + value + "\"], \"kind\": \"" + value + "\"}");
            bodies.add("{\"url\": \"" + value + "\", \"kind\": \"feed\", \"interval\": \"" + value + "\"}");
        }
        return bodies;
    }

    /** JSON bodies with bytes that are not UTF-8 inside strings. */
    static List<byte[]> invalidUtf8Bodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] bad : List.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC0, (byte) 0xAF},
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{0})) {
            String[] halves = {"{\"urls\": [\"https://example.org/", "\"], \"url\": \"x", "\"}"};
            byte[] a = halves[0].getBytes(StandardCharsets.UTF_8);
            byte[] b = halves[1].getBytes(StandardCharsets.UTF_8);
            byte[] c = halves[2].getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[a.length + bad.length + b.length + bad.length + c.length];
            int at = 0;
            for (byte[] part : List.of(a, bad, b, bad, c)) {
                System.arraycopy(part, 0, body, at, part.length);
                at += part.length;
            }
            bodies.add(body);
        }
        return bodies;
    }

    private Probe randomProbe() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> {
                StringBuilder query = new StringBuilder();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    query.append(query.isEmpty() ? "" : "&").append(pick(LIST_PARAMETERS)).append('=')
                            .append(randomValue());
                }
                yield get("/api/v1/articles?" + query);
            }
            case 2 -> get("/api/v1/articles/lookup?url=" + randomValue());
            case 3 -> {
                String id = randomValue();
                yield get("/api/v1/articles/" + (id.isEmpty() ? "x" : id) + (random.nextBoolean() ? "/revisions" : ""));
            }
            case 4 -> write("POST", random.nextBoolean() ? "/api/v1/crawl" : "/api/v1/sources", pick(CONTENT_TYPES),
                    mutate(pick(List.of("{\"urls\": [\"https://example.org/a\"], \"kind\": \"page\"}",
                            "{\"url\": \"https://example.org/feed\", \"kind\": \"feed\", \"interval\": \"PT15M\"}")))
                            .getBytes(StandardCharsets.UTF_8));
            default -> write("DELETE", "/api/v1/sources/" + (random.nextBoolean() ? "x" + randomValue()
                    : Long.toHexString(random.nextLong())), null, null);
        };
    }

    /** A value built from random pieces: nasty values, escaped random bytes, ASCII, digits, CJK. */
    private String randomValue() {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(random.nextInt(10) == 0 ? 400 : 12); n > 0; n--) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    String nasty = pick(NASTY);
                    s.append(nasty.length() > 300 ? "x" : nasty);   // the 10 kB values have cases of their own
                }
                case 1 -> s.append('%').append(String.format("%02X", random.nextInt(256)));
                case 2 -> s.append(URLEncoder.encode(String.valueOf((char) (32 + random.nextInt(95))),
                        StandardCharsets.UTF_8));
                case 3 -> s.append(random.nextInt(10));
                case 4 -> s.append(URLEncoder.encode(String.valueOf((char) (0x4E00 + random.nextInt(0x5000))),
                        StandardCharsets.UTF_8));
                default -> s.append((char) ('a' + random.nextInt(26)));
            }
        }
        return s.toString();
    }

    /** A valid body with a few random characters replaced, inserted or removed. */
    private String mutate(String body) {
        StringBuilder s = new StringBuilder(body);
        String alphabet = "{}[]\",:\\ 0123456789eE+-.nulltrue\u0000\ud800\u4e2d";
        for (int n = 1 + random.nextInt(4); n > 0 && !s.isEmpty(); n--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> s.deleteCharAt(at);
            }
        }
        return s.toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "…(" + s.length() + " chars)";
    }
}
