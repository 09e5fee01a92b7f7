package dev.souk.inventory.stock;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.InventoryEvents.StockAdjusted;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Service
public class StockService {

    private final StockStore stock;
    private final Outbox outbox;
    private final Clock clock;

    StockService(StockStore stock, Outbox outbox, Clock clock) {
        this.stock = stock;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Sets the on-hand count of a variant (a stock take or a delivery to the warehouse). Idempotent. */
    @Transactional
    public StockLevel setOnHand(String productId, String variantId, int onHand) {
        Instant now = clock.instant();
        StockLevel level = stock.findForUpdate(productId, variantId).orElse(null);
        if (level == null) {
            stock.insert(productId, variantId, onHand, now);
        } else if (!stock.setOnHand(productId, variantId, onHand, now)) {
            throw ApiException.conflict(ProblemCodes.STOCK_BELOW_RESERVED,
                            "On-hand stock cannot be set below the " + level.reserved() + " units reserved by open orders.")
                    .with("reserved", level.reserved());
        }
        StockLevel updated = stock.find(productId, variantId).orElseThrow();
        outbox.record(new StockAdjusted(productId, variantId, updated.onHand(), updated.reserved()));
        return updated;
    }

    @Transactional(readOnly = true)
    public StockLevel get(String productId, String variantId) {
        return stock.find(productId, variantId)
                .orElseThrow(() -> ApiException.notFound(ProblemCodes.STOCK_NOT_FOUND,
                        "No stock is kept for " + productId + "/" + variantId + "."));
    }

    /** Unknown variants simply have nothing available. */
    @Transactional(readOnly = true)
    public int available(String productId, String variantId) {
        return stock.find(productId, variantId).map(StockLevel::available).orElse(0);
    }

    @Transactional(readOnly = true)
    public List<StockLevel> ofProduct(String productId) {
        return stock.findByProduct(productId);
    }
}
