package dev.souk.product.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Entity
@Table(name = "product")
public class Product {

    @Id
    private String id;
    private String name;
    private String description;
    private String category;
    private String currency;
    private boolean active;
    private boolean deleted;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "product_variant", joinColumns = @JoinColumn(name = "product_id"))
    @OrderColumn(name = "position")
    private List<Variant> variants = new ArrayList<>();

    protected Product() {
    }

    public Product(String id, Instant now) {
        this.id = id;
        this.createdAt = now;
    }

    public void describe(String name, String description, String category, String currency, boolean active,
                         List<Variant> variants, Instant now) {
        this.name = name;
        this.description = description;
        this.category = category;
        this.currency = currency;
        this.active = active;
        this.variants.clear();
        this.variants.addAll(variants);
        this.updatedAt = now;
    }

    /** Deleted products stay in the table (orders refer to them) but are gone for every reader. */
    public void delete(Instant now) {
        this.deleted = true;
        this.active = false;
        this.updatedAt = now;
    }

    public Optional<Variant> variant(String variantId) {
        return variants.stream().filter(v -> v.id().equals(variantId)).findFirst();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String category() {
        return category;
    }

    public String currency() {
        return currency;
    }

    public boolean active() {
        return active;
    }

    public boolean deleted() {
        return deleted;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<Variant> variants() {
        return List.copyOf(variants);
    }
}
