package dev.souk.kit.web;

/** What an id looks like anywhere in Souk: letters, digits and a few separators, at most 64 characters. */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";
    public static final String MESSAGE = "must be 1-64 characters: letters, digits, '_', '.', ':' or '-', starting with a letter or digit";

    private Ids() {
    }
}
