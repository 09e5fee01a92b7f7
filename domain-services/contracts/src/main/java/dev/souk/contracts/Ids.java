package dev.souk.contracts;

import java.util.regex.Pattern;

/**
 * What an id looks like anywhere in Souk — users, products, variants, orders, carts, payments, payment methods:
 * letters, digits and a few separators, at most 64 characters. The hub, the gateway and every service check ids with
 * this one rule, so an id one of them accepts is never refused by another further down the line.
 */
public final class Ids {

    /** For {@code @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)}. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";
    public static final String MESSAGE = "must be 1-64 characters: letters, digits, '_', '.', ':' or '-', starting with a letter or digit";

    private static final Pattern ID = Pattern.compile(PATTERN);

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
