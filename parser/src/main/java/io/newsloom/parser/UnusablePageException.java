package io.newsloom.parser;

/** A page that gives no article and is not an ordinary non-article page; the message is the dead letter's reason. */
public class UnusablePageException extends RuntimeException {
    public UnusablePageException(String message) {
        super(message);
    }
}
