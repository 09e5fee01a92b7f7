package dev.souk.search.index;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Searchable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexingDependency;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ObjectPath;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.PropertyValue;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ScaledNumberField;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One product as the shop finds it: its description from the catalog, whether it can be bought now, and its rating.
 * Every change to a row is in the index when the transaction that made it commits. Products that are not for sale, and
 * deleted ones (kept as tombstones), are indexed but never found ({@link #SEARCHABLE}).
 */
@Entity
@Table(name = "search_product")
@Indexed(index = "products")
public class IndexedProduct {

    public static final String NAME = "name";
    public static final String NAME_PREFIX = "name_prefix";
    public static final String NAME_SORT = "name_sort";
    public static final String DESCRIPTION = "description";
    public static final String CATEGORY = "category";
    public static final String MIN_PRICE = "minPrice";
    public static final String MAX_PRICE = "maxPrice";
    public static final String CURRENCY = "currency";
    public static final String RATING = "ratingAverage";
    public static final String RATING_COUNT = "ratingCount";
    public static final String IN_STOCK = "inStock";
    public static final String CREATED_AT = "createdAt";
    public static final String SEARCHABLE = "searchable";

    @Id
    @DocumentId
    private String id;

    @FullTextField(analyzer = SearchAnalysis.TEXT, projectable = Projectable.YES,
            highlightable = {Highlightable.UNIFIED})
    @FullTextField(name = NAME_PREFIX, analyzer = SearchAnalysis.PREFIX_INDEX, searchAnalyzer = SearchAnalysis.PREFIX_QUERY)
    @KeywordField(name = NAME_SORT, normalizer = SearchAnalysis.SORT, sortable = Sortable.YES, searchable = Searchable.NO)
    private String name;

    @FullTextField(analyzer = SearchAnalysis.TEXT, projectable = Projectable.YES,
            highlightable = {Highlightable.UNIFIED})
    private String description;

    @KeywordField(aggregable = Aggregable.YES, projectable = Projectable.YES)
    private String category;

    @KeywordField(projectable = Projectable.YES, searchable = Searchable.NO)
    private String currency;

    @ScaledNumberField(name = MIN_PRICE, decimalScale = 2, sortable = Sortable.YES, aggregable = Aggregable.YES,
            projectable = Projectable.YES)
    @Column(name = "min_price")
    private BigDecimal minPrice;

    @ScaledNumberField(name = MAX_PRICE, decimalScale = 2, projectable = Projectable.YES, searchable = Searchable.NO)
    @Column(name = "max_price")
    private BigDecimal maxPrice;

    private boolean active;
    private boolean deleted;

    @GenericField(name = IN_STOCK, aggregable = Aggregable.YES, projectable = Projectable.YES)
    @Column(name = "in_stock")
    private boolean inStock;

    @GenericField(name = RATING, sortable = Sortable.YES, aggregable = Aggregable.YES, projectable = Projectable.YES)
    @Column(name = "rating_average")
    private Double ratingAverage;

    @GenericField(name = RATING_COUNT, sortable = Sortable.YES, projectable = Projectable.YES, searchable = Searchable.NO)
    @Column(name = "rating_count")
    private long ratingCount;

    @GenericField(name = CREATED_AT, sortable = Sortable.YES)
    @Column(name = "created_at")
    private Instant createdAt;

    /** When product-service last changed the product (its clock), so an older description never replaces a newer one. */
    @Column(name = "source_updated_at")
    private Instant sourceUpdatedAt;
    @Column(name = "rating_updated_at")
    private Instant ratingUpdatedAt;
    @Column(name = "stock_updated_at")
    private Instant stockUpdatedAt;
    /** When the feed or a reindex last described this product; a reindex removes what it did not see. */
    @Column(name = "seen_at")
    private Instant seenAt;

    @Version
    private long version;

    protected IndexedProduct() {
    }

    public IndexedProduct(String id, Instant now) {
        this.id = id;
        this.seenAt = now;
    }

    /** Whether shoppers may find it: for sale and not deleted. */
    @GenericField(name = SEARCHABLE)
    @IndexingDependency(derivedFrom = {
            @ObjectPath(@PropertyValue(propertyName = "active")),
            @ObjectPath(@PropertyValue(propertyName = "deleted"))})
    public boolean isSearchable() {
        return active && !deleted;
    }

    /**
     * Takes the catalog's description unless it is older than the one already held, or the product was deleted;
     * answers whether it did.
     */
    public boolean describe(String name, String description, String category, String currency, boolean active,
                            List<BigDecimal> prices, Instant createdAt, Instant updatedAt, Instant now) {
        this.seenAt = now;
        if (deleted || (sourceUpdatedAt != null && updatedAt != null && updatedAt.isBefore(sourceUpdatedAt))) {
            return false;
        }
        this.name = name;
        this.description = description;
        this.category = category;
        this.currency = currency;
        this.active = active;
        this.minPrice = prices.stream().filter(Objects::nonNull).min(BigDecimal::compareTo).orElse(null);
        this.maxPrice = prices.stream().filter(Objects::nonNull).max(BigDecimal::compareTo).orElse(null);
        if (createdAt != null || this.createdAt == null) {
            this.createdAt = createdAt != null ? createdAt : now;
        }
        this.sourceUpdatedAt = updatedAt;
        return true;
    }

    /** The product left the catalog for good: it stays as a tombstone that no later description revives. */
    public void delete(Instant occurredAt, Instant now) {
        this.deleted = true;
        this.active = false;
        this.sourceUpdatedAt = occurredAt;
        this.seenAt = now;
    }

    /**
     * A reindex found the product in no page of the catalog: it leaves the results until the catalog describes it again
     * (it is not a tombstone, as a page may have shifted under a concurrent change).
     */
    public void leaveCatalog(Instant now) {
        this.active = false;
        this.seenAt = now;
    }

    /** Takes a stock report unless it is older than the one held; answers whether it did. */
    public boolean stock(boolean inStock, Instant observedAt) {
        if (stockUpdatedAt != null && observedAt.isBefore(stockUpdatedAt)) {
            return false;
        }
        this.inStock = inStock;
        this.stockUpdatedAt = observedAt;
        return true;
    }

    /** Takes a rating unless it is older than the one held; answers whether it did. */
    public boolean rate(Double average, long count, Instant occurredAt) {
        if (ratingUpdatedAt != null && occurredAt.isBefore(ratingUpdatedAt)) {
            return false;
        }
        this.ratingAverage = count == 0 ? null : average;
        this.ratingCount = count;
        this.ratingUpdatedAt = occurredAt;
        return true;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String category() {
        return category;
    }

    public boolean deleted() {
        return deleted;
    }

    public boolean active() {
        return active;
    }

    public boolean inStock() {
        return inStock;
    }

    public Double ratingAverage() {
        return ratingAverage;
    }

    public long ratingCount() {
        return ratingCount;
    }

    public BigDecimal minPrice() {
        return minPrice;
    }

    public Instant seenAt() {
        return seenAt;
    }
}
