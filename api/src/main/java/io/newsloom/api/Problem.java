package io.newsloom.api;

/**
 * An error answer as RFC 9457 problem details ({@code application/problem+json}).
 *
 * @param type   a URI naming the kind of problem ("about:blank" when the status says it all)
 * @param title  short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong with this request
 */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
