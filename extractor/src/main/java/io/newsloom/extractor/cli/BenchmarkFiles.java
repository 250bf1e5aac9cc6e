package io.newsloom.extractor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads benchmark JSON files: {@code {id: {"articleBody": ...}}}, optionally wrapped as {@code {"output": {...}}}. */
public final class BenchmarkFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkFiles() {}

    /** Article bodies keyed by page id. */
    public static Map<String, String> articleBodies(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root.has("output") && root.get("output").isObject()) {
            root = root.get("output");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode body = e.getValue().get("articleBody");
            out.put(e.getKey(), body == null || body.isNull() ? "" : body.asText());
        }
        return out;
    }
}
