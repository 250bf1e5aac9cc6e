package io.newsloom.extractor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a folder of saved pages: every {@code *.html} or {@code *.html.gz}, keyed by name without extension. */
final class PageFiles {

    private PageFiles() {}

    static Map<String, byte[]> read(Path dir) throws IOException {
        Map<String, byte[]> pages = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".html.gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                        pages.put(name.substring(0, name.length() - ".html.gz".length()), in.readAllBytes());
                    }
                } else if (name.endsWith(".html")) {
                    pages.put(name.substring(0, name.length() - ".html".length()), Files.readAllBytes(file));
                }
            }
        }
        return pages;
    }
}
