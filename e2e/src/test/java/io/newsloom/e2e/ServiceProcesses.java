package io.newsloom.e2e;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The four packaged services (target/quarkus-app) started as separate JVM processes, as `./newsloom up` runs them,
 * on free ports, with the environment they are given plus a few settings of the test's own.
 */
final class ServiceProcesses implements AutoCloseable {

    static final List<String> SERVICES = List.of("store", "parser", "fetcher", "api");
    private static final java.util.Random RANDOM = new java.util.Random();
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Path logDir;
    private Path root;
    private Map<String, String> env;
    private Map<String, List<String>> jvmOptions;

    private ServiceProcesses(Path logDir) {
        this.logDir = logDir;
    }

    /**
     * The broker of the test stack (KAFKA_BOOTSTRAP_SERVERS). Without the stack's settings the test is skipped (a
     * laptop using Dev Services), unless NEWSLOOM_E2E_REQUIRED is true, as under ./newsloom test.
     */
    static String bootstrapOrSkip() {
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        boolean configured = bootstrap != null && System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;
        if (!configured && !"true".equals(System.getenv("NEWSLOOM_E2E_REQUIRED"))) {
            Assumptions.abort("KAFKA_BOOTSTRAP_SERVERS and QUARKUS_DATASOURCE_JDBC_URL are not set: "
                    + "run the end-to-end tests with ./newsloom test");
        }
        if (!configured) {
            throw new AssertionError("KAFKA_BOOTSTRAP_SERVERS and QUARKUS_DATASOURCE_JDBC_URL must be set");
        }
        return bootstrap;
    }

    /**
     * The environment of a test run: this process's, with topics of the run's own (so that nothing left on the broker
     * by other runs reaches the services) and loopback allowed to the fetcher (the test sites live there).
     */
    static Map<String, String> environment(String run) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("NEWSLOOM_TOPICS_CRAWL_REQUESTS", run + "-crawl-requests");
        env.put("NEWSLOOM_TOPICS_PAGES", run + "-pages");
        env.put("NEWSLOOM_TOPICS_ARTICLES", run + "-articles");
        env.put("NEWSLOOM_TOPICS_DEAD_LETTERS", run + "-dead-letters");
        env.put("NEWSLOOM_TOPICS_SOURCE_COMMANDS", run + "-source-commands");
        env.put("NEWSLOOM_FETCH_ALLOW_PRIVATE_NETWORKS", "true");
        return env;
    }

    /** Closes what was started (nulls are what was not), in order. */
    static void closeAll(AutoCloseable... started) throws Exception {
        for (AutoCloseable c : started) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Starts every service and waits until each answers ready. */
    static ServiceProcesses start(Path root, Map<String, String> env, Duration timeout) throws Exception {
        return start(root, SERVICES, env, Map.of(), timeout);
    }

    /**
     * Starts some of the services, each with extra JVM options of its own (system properties such as
     * jdk.net.hosts.file), and waits until each answers ready.
     */
    static ServiceProcesses start(Path root, List<String> names, Map<String, String> env,
                                  Map<String, List<String>> jvmOptions, Duration timeout) throws Exception {
        Path logDir = root.resolve("e2e/target/e2e-logs");
        Files.createDirectories(logDir);
        ServiceProcesses services = new ServiceProcesses(logDir);
        services.root = root;
        services.env = env;
        services.jvmOptions = jvmOptions;
        try {
            for (String service : names) {
                services.launch(root, service, env);
            }
            for (String service : names) {
                services.awaitReady(service, timeout);
            }
            return services;
        } catch (Exception | AssertionError e) {
            services.close();
            throw e;
        }
    }

    /** Stops one service (SIGTERM, as an orchestrator would) and starts it again on the same port. */
    void restart(String service, Duration timeout) throws Exception {
        Process p = processes.get(service);
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.move(logDir.resolve(service + ".log"), logDir.resolve(service + "-before-restart.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        launch(root, service, env, ports.get(service));
        awaitReady(service, timeout);
    }

    String baseUrl(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private void launch(Path root, String service, Map<String, String> env) throws IOException {
        launch(root, service, env, freePort());
    }

    private void launch(Path root, String service, Map<String, String> env, int port) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: package the services first (./mvnw package)");
        }
        // the JVM options of ./newsloom and the Dockerfiles
        List<String> command = new java.util.ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions.getOrDefault(service, List.of()));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(service + ".log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        processes.put(service, pb.start());
        ports.put(service, port);
    }

    private void awaitReady(String service, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI ready = URI.create(baseUrl(service) + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes.get(service).isAlive()) {
                throw new AssertionError(service + " exited at start; see " + logDir.resolve(service + ".log"));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError(service + " not ready within " + timeout + "; see " + logDir.resolve(service + ".log"));
    }

    /**
     * A port free now, for a process that binds it a few seconds later. Not one the kernel hands out (its ephemeral
     * range, 32768 and up): a broker or database connection opened meanwhile took such a port, and the service
     * exited with "port in use". Below that range and clear of the fixed ports of ./newsloom; never twice a run.
     */
    static synchronized int freePort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 21000 + RANDOM.nextInt(8000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (java.net.BindException e) {
                // in use: another
            }
        }
        throw new IOException("no free port in 21000-28999");
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
