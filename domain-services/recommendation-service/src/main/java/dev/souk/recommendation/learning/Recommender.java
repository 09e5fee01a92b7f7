package dev.souk.recommendation.learning;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Suggestions in order of evidence: products bought in the same orders (counted by distinct buyers, so one customer
 * cannot push a pair), then what is popular in the same category, then what is popular overall. Only products the
 * catalog has for sale and the stock can deliver are suggested, never the product itself, and never what the customer
 * already bought.
 */
@Service
public class Recommender {

    public enum Reason { BOUGHT_TOGETHER, POPULAR_IN_CATEGORY, POPULAR }

    /** One suggestion and why: {@code buyers} is how many distinct customers back it. */
    public record Suggestion(String productId, Reason reason, long buyers, String category) {
    }

    private static final String FOR_SALE = "f.active = true and f.in_stock = true";

    private final JdbcTemplate jdbc;
    private final int purchasesConsidered;

    Recommender(JdbcTemplate jdbc, @Value("${souk.recommendations.purchases-considered}") int purchasesConsidered) {
        this.jdbc = jdbc;
        this.purchasesConsidered = purchasesConsidered;
    }

    @Transactional(readOnly = true)
    public List<Suggestion> forProduct(String productId, int limit) {
        Map<String, Suggestion> chosen = new LinkedHashMap<>();
        Set<String> excluded = Set.of(productId);
        boughtWith(List.of(productId), excluded, limit).forEach(s -> chosen.putIfAbsent(s.productId(), s));
        String category = categoryOf(productId);
        if (chosen.size() < limit && category != null) {
            popular(category, exclusions(excluded, chosen), limit - chosen.size()).forEach(s -> chosen.putIfAbsent(s.productId(), s));
        }
        if (chosen.size() < limit) {
            popular(null, exclusions(excluded, chosen), limit - chosen.size()).forEach(s -> chosen.putIfAbsent(s.productId(), s));
        }
        return List.copyOf(chosen.values());
    }

    @Transactional(readOnly = true)
    public List<Suggestion> forUser(String userId, int limit) {
        List<String> recent = jdbc.queryForList("select l.product_id from purchase_line l join purchase p on p.order_id = l.order_id "
                + "where p.user_id = ? and p.status = 'COUNTED' order by p.occurred_at desc", String.class, userId);
        Set<String> bought = new LinkedHashSet<>(recent);
        List<String> basis = bought.stream().limit(purchasesConsidered).toList();
        Map<String, Suggestion> chosen = new LinkedHashMap<>();
        boughtWith(basis, bought, limit).forEach(s -> chosen.putIfAbsent(s.productId(), s));
        if (chosen.size() < limit && !basis.isEmpty()) {
            for (String category : categoriesOf(basis)) {
                popular(category, exclusions(bought, chosen), limit - chosen.size()).forEach(s -> chosen.putIfAbsent(s.productId(), s));
                if (chosen.size() >= limit) {
                    break;
                }
            }
        }
        if (chosen.size() < limit) {
            popular(null, exclusions(bought, chosen), limit - chosen.size()).forEach(s -> chosen.putIfAbsent(s.productId(), s));
        }
        return List.copyOf(chosen.values());
    }

    /** Products in the same counted orders as any of {@code products}, by distinct buyers (summed over the basis). */
    private List<Suggestion> boughtWith(Collection<String> products, Set<String> excluded, int limit) {
        if (products.isEmpty()) {
            return List.of();
        }
        String in = placeholders(products.size());
        List<Object> args = new ArrayList<>(products);
        Map<String, Long> buyers = new HashMap<>();
        jdbc.query("select other.product_id, count(distinct p.user_id) from purchase_line mine "
                        + "join purchase p on p.order_id = mine.order_id and p.status = 'COUNTED' "
                        + "join purchase_line other on other.order_id = mine.order_id and other.product_id <> mine.product_id "
                        + "join product_fact f on f.product_id = other.product_id and " + FOR_SALE + " "
                        + "where mine.product_id in (" + in + ") group by mine.product_id, other.product_id",
                rs -> {
                    buyers.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }, args.toArray());
        return buyers.entrySet().stream()
                .filter(e -> !excluded.contains(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new Suggestion(e.getKey(), Reason.BOUGHT_TOGETHER, e.getValue(), null))
                .toList();
    }

    /** The products with the most distinct buyers, in {@code category} or anywhere (null). */
    private List<Suggestion> popular(String category, Set<String> excluded, int limit) {
        List<Object> args = new ArrayList<>();
        String where = FOR_SALE;
        if (category != null) {
            where += " and f.category = ?";
            args.add(category);
        }
        if (!excluded.isEmpty()) {
            where += " and f.product_id not in (" + placeholders(excluded.size()) + ")";
            args.addAll(excluded);
        }
        args.add(limit);
        Reason reason = category == null ? Reason.POPULAR : Reason.POPULAR_IN_CATEGORY;
        return jdbc.query("select l.product_id, count(distinct p.user_id) buyers, f.category from purchase_line l "
                        + "join purchase p on p.order_id = l.order_id and p.status = 'COUNTED' "
                        + "join product_fact f on f.product_id = l.product_id "
                        + "where " + where + " group by l.product_id, f.category order by buyers desc, l.product_id "
                        + "fetch first ? rows only",
                (rs, i) -> new Suggestion(rs.getString(1), reason, rs.getLong(2), rs.getString(3)), args.toArray());
    }

    private String categoryOf(String productId) {
        List<String> categories = jdbc.queryForList("select category from product_fact where product_id = ?", String.class, productId);
        return categories.isEmpty() ? null : categories.get(0);
    }

    private List<String> categoriesOf(Collection<String> products) {
        return jdbc.queryForList("select distinct category from product_fact where category is not null and product_id in ("
                + placeholders(products.size()) + ")", String.class, products.toArray());
    }

    private static Set<String> exclusions(Set<String> excluded, Map<String, Suggestion> chosen) {
        Set<String> all = new LinkedHashSet<>(excluded);
        all.addAll(chosen.keySet());
        return all;
    }

    private static String placeholders(int count) {
        return String.join(",", java.util.Collections.nCopies(count, "?"));
    }
}
