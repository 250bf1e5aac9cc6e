package io.newsloom.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;


/**
 * The one JSON codec of the event contract: ISO 8601 dates with offset, nulls written out, unknown fields ignored
 * (so that adding a field is a compatible change), bytes as base64 (a page's body travels beside its JSON:
 * {@link FetchedPage#toRecordValue()}).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    /** The configured mapper, for frameworks that take one (it must not be reconfigured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    /** The event as UTF-8 JSON bytes: no String copy of a large payload (a page body). */
    public static byte[] writeBytes(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses one event.
     *
     * @throws InvalidEventException when the text is not JSON of that type
     */
    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty " + type.getSimpleName() + " payload");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Parses one event from UTF-8 bytes: no String copy of a large payload. */
    public static <T> T read(byte[] json, Class<T> type) {
        return read(json, 0, json == null ? 0 : json.length, type);
    }

    /** Parses one event from {@code length} UTF-8 bytes at {@code offset}. */
    public static <T> T read(byte[] json, int offset, int length, Class<T> type) {
        if (json == null || length == 0) {
            throw new InvalidEventException("empty " + type.getSimpleName() + " payload");
        }
        try {
            return MAPPER.readValue(json, offset, length, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Thrown for a payload that is not a valid event; the message is a readable reason for a dead letter. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message) {
            super(message);
        }

        public InvalidEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
