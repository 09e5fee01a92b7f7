package dev.souk.search.index;

/** Lets tests outside the package reach the snippet rule. */
public final class SnippetsProbe {

    private SnippetsProbe() {
    }

    public static String shorten(String html) {
        return ProductSearch.shorten(html);
    }
}
