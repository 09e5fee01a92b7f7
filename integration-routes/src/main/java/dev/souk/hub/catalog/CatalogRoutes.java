package dev.souk.hub.catalog;

import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

import dev.souk.hub.errors.InvalidRequestException;
import dev.souk.hub.errors.ProblemResponses;
import dev.souk.hub.inventory.InventoryServiceRoutes;
import dev.souk.hub.product.ProductServiceRoutes;

/** Composite catalog reads: products as product-service has them, plus what can be sold right now. */
@Component
public class CatalogRoutes extends RouteBuilder {

    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public void configure() {
        from("platform-http:/api/catalog/products/{id}?httpMethodRestrict=GET")
                .routeId("catalog-product-with-availability")
                .description("GET /api/catalog/products/{id}: product plus per-variant availability")
                .routeConfigurationId(ProblemResponses.ID)
                .setProperty(ProductServiceRoutes.PRODUCT_ID, header("id"))
                .bean(CatalogRoutes.class, "requireValidProductId")
                .to(ProductServiceRoutes.GET_PRODUCT)
                .setProperty(AvailabilityEnricher.PRODUCT, body())
                .to(InventoryServiceRoutes.GET_STOCK)
                .bean(AvailabilityEnricher.class, "enrich")
                .marshal().json(JsonLibrary.Jackson)
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }

    /** The id becomes part of a downstream URL: refuse anything but a plain identifier. */
    public static void requireValidProductId(@ExchangeProperty(ProductServiceRoutes.PRODUCT_ID) String id) {
        if (id == null || !PRODUCT_ID.matcher(id).matches()) {
            throw new InvalidRequestException("Product id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }
}
