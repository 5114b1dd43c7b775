package io.serialgate.docs;

/** Something in the documentation sources is wrong; the message says which page and what. */
final class SiteException extends RuntimeException {
    SiteException(String message) {
        super(message);
    }
}
