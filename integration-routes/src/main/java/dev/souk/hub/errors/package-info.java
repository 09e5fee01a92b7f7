/** Failures of HTTP-facing routes and their problem+json answers. */
package dev.souk.hub.errors;
