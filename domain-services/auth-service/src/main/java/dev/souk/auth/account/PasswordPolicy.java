package dev.souk.auth.account;

import java.util.ArrayList;
import java.util.List;

/**
 * What a password must be: 12 to 128 characters, and not made of a single class of characters (lower-case letters,
 * upper-case letters, digits, everything else).
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** The reasons the password is refused; empty when it is acceptable. */
    public static List<String> violations(String password) {
        List<String> reasons = new ArrayList<>();
        if (password == null) {
            reasons.add("must not be null");
            return reasons;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            reasons.add("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int cp : password.codePoints().toArray()) {
            if (Character.isLowerCase(cp)) {
                lower = true;
            } else if (Character.isUpperCase(cp)) {
                upper = true;
            } else if (Character.isDigit(cp)) {
                digit = true;
            } else {
                other = true;
            }
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (classes < 2) {
            reasons.add("must mix at least two of: lower-case letters, upper-case letters, digits, other characters");
        }
        return reasons;
    }
}
