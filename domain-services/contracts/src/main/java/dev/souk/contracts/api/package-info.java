/**
 * The requests and answers of the APIs the integration hub serves itself ({@code /api/orders}, {@code /api/cart},
 * {@code /api/catalog}): records with their validation rules, shared by the hub (binding, validation, generated
 * OpenAPI) and any client.
 */
package dev.souk.contracts.api;
