package dev.souk.search.index;

import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;

/** {@link SearchAnalysis} for an Elasticsearch or OpenSearch cluster (the 'elasticsearch' profile). */
public class ElasticsearchSearchAnalysis implements ElasticsearchAnalysisConfigurer {

    @Override
    public void configure(ElasticsearchAnalysisConfigurationContext context) {
        context.tokenFilter("souk_plural").type("stemmer").param("language", "minimal_english");
        context.tokenFilter("souk_prefixes").type("edge_ngram")
                .param("min_gram", 1).param("max_gram", SearchAnalysis.LONGEST_PREFIX);
        context.analyzer(SearchAnalysis.TEXT).custom()
                .tokenizer("standard").tokenFilters("lowercase", "asciifolding", "souk_plural");
        context.analyzer(SearchAnalysis.PREFIX_INDEX).custom()
                .tokenizer("standard").tokenFilters("lowercase", "asciifolding", "souk_prefixes");
        context.analyzer(SearchAnalysis.PREFIX_QUERY).custom()
                .tokenizer("standard").tokenFilters("lowercase", "asciifolding");
        context.normalizer(SearchAnalysis.SORT).custom()
                .tokenFilters("lowercase", "asciifolding");
    }
}
