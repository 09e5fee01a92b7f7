package dev.souk.hub.catalog;

import static dev.souk.hub.downstream.ServiceCallRoutes.INVENTORY_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.PRODUCT_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.contracts.api.CatalogProduct;
import dev.souk.hub.api.RequestValidation;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.errors.ProblemResponses;
import dev.souk.hub.errors.ResourceNotFoundException;
import dev.souk.hub.security.HubCaller;

/** Composite catalog reads: products as product-service has them, plus what can be sold right now. */
@Component
public class CatalogRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api/catalog").tag("Catalog")
                .get("/products/{id}").id("catalogProduct").outType(CatalogProduct.class).produces("application/json")
                    .description("A product with the units each variant can still sell and its rating; availabilityStale "
                            + "when inventory-service cannot be asked, ratingStale when review-service cannot (public)")
                    .param().name("id").type(RestParamType.path).description("Product id").endParam()
                    .responseMessage().code(200).message("The product, each variant with available").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED: not a product id").endResponseMessage()
                    .responseMessage().code(404).message("NOT_FOUND: no such product").endResponseMessage()
                    .responseMessage().code(503).message("SERVICE_UNAVAILABLE: product-service cannot be asked; Retry-After").endResponseMessage()
                    .to("direct:catalog-product-with-availability");

        from("direct:catalog-product-with-availability").routeId("catalog-product-with-availability")
                .routeConfigurationId(ProblemResponses.ID)
                .description("GET /api/catalog/products/{id}: product (product-service) plus per-variant availability (inventory-service)")
                .setVariable("productId", method(RequestValidation.class, "pathId('Product id', ${header.id})"))
                .setProperty(DownstreamAnswers.RESOURCE, simple("product ${variable.productId}"))
                .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                .setHeader(ServiceCallRoutes.PATH, simple("/api/products/${variable.productId}"))
                .to(callOf(PRODUCT_SERVICE))
                .setVariable("product", method(DownstreamAnswers.class, "json"))
                .process(CatalogRoutes::requireForSaleOrStaff)
                .doTry()
                    .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                    .setHeader(ServiceCallRoutes.PATH, constant("/api/inventory/stock"))
                    .setHeader(ServiceCallRoutes.QUERY, simple("productId=${variable.productId}"))
                    .to(callOf(INVENTORY_SERVICE))
                    .setBody(method(DownstreamAnswers.class, "json"))
                .doCatch(Exception.class)
                    // availability is an extra: unknown, never a failed read
                    .log(LoggingLevel.WARN, "Availability of product ${variable.productId} unknown: ${exception.message}")
                    .setBody(constant(null))
                .end()
                .bean(AvailabilityEnricher.class, "enrich(${variable.product}, ${body})")
                .to(RatingRoutes.ADD_RATING)
                .marshal().json(JsonLibrary.Jackson)
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }

    /**
     * The hub reads the catalog with its own SERVICE token, which sees products not for sale ({@code active: false});
     * such a product is the administrator's only, and anyone else hears that it does not exist, as product-service
     * answers them.
     */
    static void requireForSaleOrStaff(Exchange exchange) {
        JsonNode product = exchange.getVariable("product", JsonNode.class);
        if (!product.path("active").asBoolean(true) && !HubCaller.of(exchange).isPrivileged()) {
            throw new ResourceNotFoundException("Product " + exchange.getVariable("productId", String.class) + " does not exist");
        }
    }
}
