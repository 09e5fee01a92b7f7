package dev.souk.search.index;

/**
 * The analyzers of the product index, defined alike for the embedded Lucene backend ({@link LuceneSearchAnalysis}) and
 * an Elasticsearch or OpenSearch cluster ({@link ElasticsearchSearchAnalysis}), so results do not change with the backend.
 */
public final class SearchAnalysis {

    /** Words of names and descriptions: lower-cased, accents folded, plurals reduced ("Skillets" finds "skillet"). */
    public static final String TEXT = "text";
    /** Every prefix of every word of a name, for the search box's suggestions. */
    public static final String PREFIX_INDEX = "prefix_index";
    /** What was typed in the search box, word by word, to meet those prefixes. */
    public static final String PREFIX_QUERY = "prefix_query";
    /** Sorting by name regardless of case and accents. */
    public static final String SORT = "sort";

    static final int LONGEST_PREFIX = 20;

    private SearchAnalysis() {
    }
}
