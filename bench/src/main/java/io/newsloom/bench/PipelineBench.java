package io.newsloom.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The driver of {@code ./newsloom bench}, against a fresh stack and a running load site:
 * <ol>
 *   <li>idle: a few seconds of samples, for the services' idle memory;</li>
 *   <li>warm-up: the first URLs of the load site go through the latency phase's steps, measured the same way and
 *       reported as the cold start: JIT compilation and the first growth of the heaps are a start-up cost of the JVMs,
 *       which the measured phases should not carry;</li>
 *   <li>latency: the next URLs are asked for with {@code POST /crawl} at a fixed offered rate;
 *       each one's latency runs from its request reaching the load site (access log) to its article appearing in the
 *       API's newest-first list ({@link VisibilityWatcher}), confirmed afterwards with {@code GET /articles/lookup};</li>
 *   <li>throughput: every host's feed is registered as a source, and the stack crawls the remaining pages as fast as
 *       it can until every stage is drained;</li>
 *   <li>the extractor benchmark on the corpus, on one thread, in the same run.</li>
 * </ol>
 * A sampler records every stage once a second throughout. Prints the table, writes report.md and chart.png.
 */
public final class PipelineBench {

    static final String IDLE = "idle";
    static final String WARMUP = "warm-up";
    static final String LATENCY = "latency";
    static final String THROUGHPUT = "throughput";

    private static final double MB = 1024.0;

    private final Map<String, String> opts;
    private final ApiClient api;
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final long startNanos = System.nanoTime();
    private final long clockTicks;
    private volatile String phase = IDLE;
    private final List<String> notes = new ArrayList<>();

    private PipelineBench(Map<String, String> opts) throws IOException, InterruptedException {
        this.opts = opts;
        this.api = new ApiClient(opts.get("api"));
        this.clockTicks = clockTicks();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        for (String required : List.of("api", "kafka", "jdbc", "site", "run", "extractor", "corpus", "out")) {
            if (!opts.containsKey(required)) {
                System.err.println("missing --" + required + " (PipelineBench is started by ./newsloom bench)");
                System.exit(2);
            }
        }
        new PipelineBench(opts).run();
        System.exit(0);   // the Kafka and HTTP clients' threads must not hold the JVM
    }

    private double now() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void run() throws Exception {
        Path site = Path.of(opts.get("site"));
        Path out = Files.createDirectories(Path.of(opts.get("out")));
        List<String> urls = Files.readAllLines(site.resolve("urls.txt"));
        List<String> feeds = Files.readAllLines(site.resolve("feeds.txt"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "100"));
        int warmupPages = Math.min(urls.size() / 4, Integer.parseInt(opts.getOrDefault("warmup-pages", "0")));
        int latencyPages = Math.min((urls.size() - warmupPages) / 2,
                rate * Integer.parseInt(opts.getOrDefault("latency-seconds", "30")));
        int maxSeconds = Integer.parseInt(opts.getOrDefault("max-seconds", "900"));
        String loadStart = Files.readString(Path.of("/proc/loadavg")).trim();

        try (VisibilityWatcher watcher = new VisibilityWatcher(api, 100);
             StackProbe probe = new StackProbe(opts.get("kafka"), opts.get("jdbc"), opts.getOrDefault("db-user", "newsloom"),
                     opts.getOrDefault("db-password", "newsloom"), pids(), watcher::visible)) {
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> {
                try {
                    Sample s = probe.sample(now(), phase);
                    samples.add(s);
                    if (samples.size() % 10 == 0) {
                        say("%4.0f s %-10s fetched %d parsed %d stored %d visible %d | lag: frontier %d fetcher %d"
                                        + " parser %d store %d", s.t(), s.phase(), s.fetched(), s.parsed(), s.stored(),
                                s.visible(), s.frontier(), s.fetchLag(), s.parseLag(), s.storeLag());
                    }
                } catch (Exception e) {
                    System.err.println("bench: a sample failed: " + e);
                }
            }, 0, 1, TimeUnit.SECONDS);

            Thread.sleep(5000);
            while (samples.isEmpty()) {
                Thread.sleep(500);
            }
            Sample idle = last();
            Latency cold = null;
            if (warmupPages > 0) {
                say("idle sample taken; warm-up: %d URLs at %d/s", warmupPages, rate);
                phase = WARMUP;
                cold = latencyPhase(urls.subList(0, warmupPages), rate, watcher, site);
                say("warm-up p50 %.0f ms p99 %.0f ms", cold.p50, cold.p99);
            }
            say("latency phase: %d URLs at %d/s", latencyPages, rate);
            phase = LATENCY;
            Latency latency = latencyPhase(urls.subList(warmupPages, warmupPages + latencyPages), rate, watcher, site);
            say("latency p50 %.0f ms p99 %.0f ms; throughput phase: %d feeds, %d pages", latency.p50, latency.p99,
                    feeds.size(), urls.size() - warmupPages - latencyPages);
            phase = THROUGHPUT;
            double throughputStart = now();
            Instant throughputWall = Instant.now();
            for (String feed : feeds) {
                api.registerFeed(feed);
            }
            boolean drained = waitDrained(throughputStart, maxSeconds);
            String loadEnd = Files.readString(Path.of("/proc/loadavg")).trim();
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            if (!drained) {
                notes.add("The throughput phase hit its time limit (" + maxSeconds + " s) before every stage drained.");
            }
            say("throughput phase done; running the extractor benchmark (one thread)");
            Map<String, Double> extractor = extractorBench();
            List<AccessLogEntry> log = readAccessLog(site.resolve("access.log"));
            long fromMicros = throughputWall.toEpochMilli() * 1000;
            List<AccessLogEntry> tpLog = log.stream().filter(e -> e.micros() >= fromMicros).toList();
            String table = report(idle, cold, latency, extractor, tpLog, loadStart, loadEnd, watcher);
            System.out.println();
            System.out.print(table);
            Charts.write(samples, out.resolve("chart.png"));
            Files.writeString(out.resolve("report.md"), markdown(table, cold, latency));
            say("report %s, chart %s", out.resolve("report.md"), out.resolve("chart.png"));
        }
    }

    // ---- latency phase ----

    record Latency(int asked, double offeredRate, int fetched, int visible, int confirmed, double p50, double p95,
                   double p99, double max, double queueP50, double queueP99) {
    }

    private Latency latencyPhase(List<String> urls, int rate, VisibilityWatcher watcher, Path site) throws Exception {
        int perTick = Math.max(1, rate / 20);
        long periodMicros = 1_000_000L * perTick / rate;
        Map<String, Long> askedMillis = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        long first = System.currentTimeMillis();
        sender.scheduleAtFixedRate(() -> {
            int from = next.getAndAdd(perTick);
            if (from >= urls.size()) {
                return;
            }
            List<String> batch = urls.subList(from, Math.min(urls.size(), from + perTick));
            long at = System.currentTimeMillis();
            batch.forEach(u -> askedMillis.put(u, at));
            api.crawl(batch).thenAccept(ok -> {
                if (!ok) {
                    failures.incrementAndGet();
                }
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        while (next.get() < urls.size()) {
            Thread.sleep(50);
        }
        sender.shutdown();
        sender.awaitTermination(30, TimeUnit.SECONDS);
        double seconds = (System.currentTimeMillis() - first) / 1000.0;
        // pages without an article never become visible: stop waiting once every stage is drained
        long deadline = System.currentTimeMillis() + 120_000;
        String name = phase;
        while (System.currentTimeMillis() < deadline && urls.stream().anyMatch(u -> watcher.firstSeen(u) == null)
                && !drained(name)) {
            Thread.sleep(200);
        }
        if (failures.get() > 0) {
            notes.add(failures.get() + " POST /crawl requests of the latency phase failed.");
        }
        Map<String, Long> fetchStart = firstPageFetch(readAccessLog(site.resolve("access.log")));
        List<Double> latencies = new ArrayList<>();
        List<Double> queueing = new ArrayList<>();
        int fetched = 0;
        for (String u : urls) {
            Long start = fetchStart.get(hostAndPath(u));
            Long seen = watcher.firstSeen(u);
            Long asked = askedMillis.get(u);
            if (start != null) {
                fetched++;
                if (asked != null) {
                    queueing.add(start / 1000.0 - asked);
                }
                if (seen != null) {
                    latencies.add(seen - start / 1000.0);
                }
            }
        }
        int confirmed = confirmByLookup(urls.stream().filter(u -> watcher.firstSeen(u) != null).toList());
        double[] l = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        double[] q = queueing.stream().mapToDouble(Double::doubleValue).toArray();
        return new Latency(urls.size(), urls.size() / seconds, fetched, l.length, confirmed,
                Stats.percentile(l, 50), Stats.percentile(l, 95), Stats.percentile(l, 99), Stats.percentile(l, 100),
                Stats.percentile(q, 50), Stats.percentile(q, 99));
    }

    private int confirmByLookup(List<String> urls) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger ok = new AtomicInteger();
        for (String u : urls) {
            pool.execute(() -> {
                try {
                    if (api.lookup(u)) {
                        ok.incrementAndGet();
                    }
                } catch (Exception e) {
                    // counted as not confirmed
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        return ok.get();
    }

    private static String hostAndPath(String url) {
        URI u = URI.create(url);
        return u.getHost() + " " + u.getRawPath();
    }

    /** The first successful request of each page, in epoch microseconds, by "host path". */
    private static Map<String, Long> firstPageFetch(List<AccessLogEntry> log) {
        Map<String, Long> out = new HashMap<>();
        for (AccessLogEntry e : log) {
            if (e.isPage() && e.status() == 200) {
                out.merge(e.host() + " " + e.path(), e.micros(), Math::min);
            }
        }
        return out;
    }

    // ---- throughput phase ----

    /** Until the frontier and every consumer are empty and nothing was stored for 5 s, or the time limit. */
    private boolean waitDrained(double from, int maxSeconds) throws InterruptedException {
        while (now() - from < maxSeconds) {
            Thread.sleep(1000);
            if (drained(THROUGHPUT)) {
                return true;
            }
        }
        return false;
    }

    /** The phase has run 20 s, the frontier and every consumer are empty, and nothing was stored for 5 s. */
    private boolean drained(String name) {
        List<Sample> tp = phaseSamples(name);
        if (tp.size() < 20) {
            return false;
        }
        Sample s = tp.get(tp.size() - 1);
        Sample earlier = tp.get(tp.size() - 6);
        return s.frontier() == 0 && s.fetchLag() == 0 && s.parseLag() == 0 && s.storeLag() == 0
                && s.stored() == earlier.stored() && s.visible() == earlier.visible();
    }

    // ---- extractor alone ----

    private static final Pattern WALL = Pattern.compile("wall-clock: pages/s ([0-9.]+)");
    private static final Pattern CPU = Pattern.compile("accuracy [0-9.]+ pages/s ([0-9.]+)");

    private Map<String, Double> extractorBench() throws IOException, InterruptedException {
        Path corpus = Path.of(opts.get("corpus"));
        Process p = new ProcessBuilder("java", "-jar", opts.get("extractor"), "bench", corpus.resolve("html").toString(),
                corpus.resolve("ground-truth.json").toString()).redirectErrorStream(true).start();
        String output;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            output = r.lines().collect(Collectors.joining("\n"));
        }
        p.waitFor();
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher wall = WALL.matcher(output);
        Matcher cpu = CPU.matcher(output);
        if (wall.find() && cpu.find()) {
            out.put("wall", Double.parseDouble(wall.group(1)));
            out.put("cpu", Double.parseDouble(cpu.group(1)));
        } else {
            notes.add("The extractor benchmark printed no figures: " + output);
        }
        return out;
    }

    // ---- report ----

    private String report(Sample idle, Latency cold, Latency lat, Map<String, Double> extractor,
                          List<AccessLogEntry> tpLog, String loadStart, String loadEnd, VisibilityWatcher watcher) {
        List<Sample> tp = phaseSamples(THROUGHPUT);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Newsloom pipeline benchmark, %s; load average %s at the start, %s at the end"
                + " (%d cores)%n%n", Instant.now(), loadStart, loadEnd, Runtime.getRuntime().availableProcessors()));

        TextTable stages = new TextTable().row("throughput phase", "sustained/s", "peak 10 s/s", "mean/s", "count");
        Sample first = tp.get(0);
        Sample last = tp.get(tp.size() - 1);
        double seconds = last.t() - first.t();
        Map<String, Double> sustained = new LinkedHashMap<>();
        for (var stage : List.<Map.Entry<String, java.util.function.ToLongFunction<Sample>>>of(
                Map.entry("fetched (pages topic)", Sample::fetched), Map.entry("parsed (parser commits)", Sample::parsed),
                Map.entry("articles published", Sample::articles), Map.entry("stored (article rows)", Sample::stored),
                Map.entry("visible (API list)", Sample::visible))) {
            List<Stats.Point> points = tp.stream().map(s -> new Stats.Point(s.t(), stage.getValue().applyAsLong(s))).toList();
            long count = stage.getValue().applyAsLong(last) - stage.getValue().applyAsLong(first);
            double rate = Stats.sustainedRate(points);
            sustained.put(stage.getKey(), rate);
            stages.row(stage.getKey(), f1(rate), f1(Stats.peakRate(points, 10)), f1(count / seconds), count);
        }
        out.append(stages.render()).append(String.format(Locale.ROOT,
                "(%.0f s from registering the feeds until every stage was drained; sustained = between 10%% and 90%%"
                        + " of the count)%n%n", seconds));

        double stored = sustained.get("stored (article rows)");
        double parsed = sustained.get("parsed (parser commits)");
        TextTable ext = new TextTable().row("parse-bound limit", "pages/s", "pipeline stored / it", "pipeline parsed / it");
        extractor.forEach((k, v) -> ext.row("extractor alone, 1 thread (" + (k.equals("wall") ? "wall clock" : "CPU time")
                + ")", f1(v), f2(stored / v), f2(parsed / v)));
        out.append(ext.render()).append('\n');

        TextTable latencies = new TextTable()
                .row("latency at offered " + f1(lat.offeredRate) + " pages/s", "asked", "fetched", "visible",
                        "lookup ok", "p50 ms", "p95 ms", "p99 ms", "max ms");
        if (cold != null) {
            latencyRows(latencies, "warm-up (cold JVMs)", cold);
        }
        latencyRows(latencies, "measured", lat);
        out.append(latencies.render()).append("(latency: fetch start -> visible in the API; queue: POST /crawl -> fetch"
                + " start)\n\n");

        double[] gaps = AccessLogEntry.hostGapsMillis(tpLog);
        List<Stats.Point> pageHits = new ArrayList<>();
        List<AccessLogEntry> pages200 = tpLog.stream().filter(e -> e.isPage() && e.status() == 200)
                .sorted((a, b) -> Long.compare(a.micros(), b.micros())).toList();
        for (int i = 0; i < pages200.size(); i++) {
            pageHits.add(new Stats.Point(pages200.get(i).micros() / 1e6, i + 1));
        }
        long hosts = tpLog.stream().map(AccessLogEntry::host).distinct().count();
        out.append(new TextTable()
                .row("fetching (load site access log)", "requests", "page 200s", "pages/s sustained", "hosts",
                        "host gap min ms", "host gap p50 ms")
                .row("throughput phase", tpLog.size(), pages200.size(), f1(Stats.sustainedRate(pageHits)), hosts,
                        f1(Stats.percentile(gaps, 0)), f1(Stats.percentile(gaps, 50)))
                .render()).append('\n');

        // CPU per stored article does not depend on how much of the machine the stack got, unlike the rates
        long storedInPhase = last.stored() - first.stored();
        List<Sample> warm = phaseSamples(WARMUP);
        long storedInWarmup = warm.isEmpty() ? 0 : warm.get(warm.size() - 1).stored() - idle.stored();
        TextTable procs = new TextTable().row("process", "idle RSS MB", "peak RSS MB", "CPU s (throughput)",
                "CPU ms/article", "of it JIT", "warm-up ms/article", "CPU s (all)");
        Sample end = samples.get(samples.size() - 1);
        double stackMsPerArticle = 0;
        double stackJitMsPerArticle = 0;   // the JVMs' JIT compiler threads: start-up cost still being paid
        double stackPeak = samples.stream().mapToLong(Sample::stackRssKb).max().orElse(0) / MB;
        for (String name : end.procs().keySet()) {
            long peakKb = samples.stream().mapToLong(s -> s.procs().get(name).hwmKb()).max().orElse(0);
            double cpu = (last.procs().get(name).cpuTicks() - first.procs().get(name).cpuTicks()) / (double) clockTicks;
            double warmCpu = warm.isEmpty() ? Double.NaN : (warm.get(warm.size() - 1).procs().get(name).cpuTicks()
                    - idle.procs().get(name).cpuTicks()) / (double) clockTicks;
            double msPerArticle = 1000 * cpu / Math.max(1, storedInPhase);
            double jit = (last.procs().get(name).jitTicks() - first.procs().get(name).jitTicks()) / (double) clockTicks;
            double jitMsPerArticle = 1000 * jit / Math.max(1, storedInPhase);
            if (!name.equals(StackProbe.LOADSITE)) {
                stackMsPerArticle += msPerArticle;
                stackJitMsPerArticle += jitMsPerArticle;
            }
            procs.row(name, f0(idle.procs().get(name).rssKb() / MB), f0(peakKb / MB), f1(cpu), f1(msPerArticle),
                    f1(jitMsPerArticle), f1(1000 * warmCpu / Math.max(1, storedInWarmup)),
                    f1(end.procs().get(name).cpuTicks() / (double) clockTicks));
        }
        procs.row("stack (all but the load site)", f0(idle.stackRssKb() / MB), f0(stackPeak), "", f1(stackMsPerArticle),
                f1(stackJitMsPerArticle), "", "");
        int cores = Runtime.getRuntime().availableProcessors();
        out.append(procs.render()).append("(postgres: the postmaster and its backends, proportional set size)\n")
                .append(String.format(Locale.ROOT, "CPU the stack needs for the offered %.0f pages/s at the throughput"
                                + " phase's cost per article: %.2f cores of %d, %.2f without the JIT compilers (the"
                                + " load site and this driver not counted); above %d the queues grow without end%n%n",
                        lat.offeredRate, stackMsPerArticle * lat.offeredRate / 1000, cores,
                        (stackMsPerArticle - stackJitMsPerArticle) * lat.offeredRate / 1000, cores));

        double extractorWall = extractor.getOrDefault("wall", Double.NaN);
        double idleMax = idle.procs().entrySet().stream().filter(e -> SERVICES.contains(e.getKey()))
                .mapToDouble(e -> e.getValue().rssKb() / MB).max().orElse(0);
        out.append(new TextTable().row("target", "measured", "holds")
                .row("stored >= 300 articles/s sustained", f1(stored), yes(stored >= 300))
                .row("stored >= 0.5 x extractor alone (wall clock, same run)", f2(stored / extractorWall),
                        yes(stored / extractorWall >= 0.5))
                .row("p99 fetch start -> visible < 2000 ms at 100/s", f0(lat.p99), yes(lat.p99 < 2000))
                .row("every service idle < 200 MB RSS", f0(idleMax), yes(idleMax < 200))
                .row("stack under load < 2048 MB", f0(stackPeak), yes(stackPeak < 2048))
                .render());
        out.append(String.format(Locale.ROOT, "%nvisibility: %d list polls every 100 ms (%d failed)%n",
                watcher.polls(), watcher.errors()));
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }

    private static void latencyRows(TextTable table, String name, Latency l) {
        table.row(name + " latency", l.asked, l.fetched, l.visible, l.confirmed, f0(l.p50), f0(l.p95), f0(l.p99),
                f0(l.max));
        table.row(name + " queue", "", "", "", "", f0(l.queueP50), "", f0(l.queueP99), "");
    }

    private static final List<String> SERVICES = List.of("fetcher", "parser", "store", "api");

    private String markdown(String table, Latency cold, Latency lat) {
        Map<String, String> settings = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("NEWSLOOM_")) {
                settings.put(k, v);
            }
        });
        return "# Newsloom pipeline benchmark\n\n"
                + "Written by `./newsloom bench`. The chart (`chart.png`, next to this file) shows the rate of every"
                + " stage and the lag of every stage over the run; the throughput phase is shaded.\n\n"
                + "![throughput and lag per stage](chart.png)\n\n```\n" + table + "```\n\n"
                + "## How it was measured\n\n"
                + "- A fresh stack (`./newsloom` functions: Kafka, PostgreSQL, the four services) and the load site"
                + " (`loadsite.jar`: the corpus pages with a unique sentence per copy on many 127.0.0.x hosts).\n"
                + "- Idle: memory of each process after start, before any work.\n"
                + (cold == null ? "" : "- Warm-up: the first " + cold.asked + " page URLs, asked for and measured like"
                + " the latency phase's, before it: the JVMs compile their hot code and grow their heaps during the"
                + " first thousands of pages, a start-up cost that the measured phases would otherwise carry. Its"
                + " latency is reported as the cold start, and its CPU per stored article next to the throughput"
                + " phase's.\n")
                + "- Latency: " + lat.asked + " page URLs asked for with `POST /api/v1/crawl` at a fixed rate."
                + " Fetch start is the page request's arrival in the load site's access log; visible is the first"
                + " time the article's URL appears in `GET /api/v1/articles?limit=20&duplicates=include`"
                + " (newest first, polled every 100 ms, following the cursor, 100 at a time, to the last article seen before; a"
                + " lookup per pending URL would add ~" + (int) lat.offeredRate * 10 + " requests/s of load). Every"
                + " URL seen there was then confirmed with `GET /api/v1/articles/lookup?url=`. The resolution is"
                + " the poll period plus one list request.\n"
                + "- Throughput: every host's `/feed.xml` registered with `POST /api/v1/sources`; the fetcher polls"
                + " them and crawls the pages the latency phase did not. Counts each second: `pages` end offsets"
                + " (fetched), the parser group's committed offsets on `pages` (parsed), `articles` end offsets,"
                + " rows of `articles.article` (stored), distinct articles seen in the API list (visible). Lag: end"
                + " offset minus the group's committed offset per topic; the frontier backlog is the fetcher's"
                + " queued and in-flight URLs in PostgreSQL (the fetcher's real queue: crawl requests only enter"
                + " it).\n"
                + "- CPU: utime + stime from `/proc/PID/stat`, and of the threads named `C1/C2 CompilerThread` in"
                + " `/proc/PID/task` for the JIT's share; memory: VmRSS/VmHWM from `/proc/PID/status`"
                + " (PostgreSQL: proportional set size of the postmaster and its backends).\n"
                + "- Extractor alone: `extractor.jar bench` on the corpus's " + "html pages, one thread, after"
                + " the pipeline phases, in the same run (wall clock and thread CPU time).\n"
                + "- Per-host spacing: gaps between consecutive requests to one host in the access log during the"
                + " throughput phase (robots.txt, feeds and pages all take the host's turn).\n\n"
                + "## Settings\n\n" + settings.entrySet().stream().map(e -> "- `" + e.getKey() + "=" + e.getValue() + "`")
                .collect(Collectors.joining("\n")) + "\n";
    }

    // ---- helpers ----

    private Map<String, Integer> pids() throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        Path run = Path.of(opts.get("run"));
        for (String name : List.of("fetcher", "parser", "store", "api", "kafka", StackProbe.LOADSITE)) {
            Path pidFile = run.resolve(name + ".pid");
            if (Files.exists(pidFile)) {
                out.put(name, Integer.parseInt(Files.readString(pidFile).trim()));
            }
        }
        if (opts.containsKey("pg-pid")) {
            out.put(StackProbe.POSTGRES, Integer.parseInt(opts.get("pg-pid")));
        }
        return out;
    }

    private List<Sample> phaseSamples(String name) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.phase().equals(name)).toList();
        }
    }

    private Sample last() {
        synchronized (samples) {
            return samples.get(samples.size() - 1);
        }
    }

    private static List<AccessLogEntry> readAccessLog(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).map(l -> {
                try {
                    return AccessLogEntry.parse(l);
                } catch (RuntimeException e) {
                    return null;     // a line being written while read
                }
            }).filter(java.util.Objects::nonNull).toList();
        }
    }

    private static long clockTicks() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        return s.isEmpty() ? 100 : Long.parseLong(s);
    }

    private static void say(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "NO";
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
