package dev.souk.gateway.servicemap;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One node of the service map with its live status: UP, DOWN, RESTARTING, UNKNOWN or PLANNED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceStatus(String key, String name, String path, String serviceId, String link, String status) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String PLANNED = "PLANNED";
    /** Down, and the local stack is starting it again. */
    public static final String RESTARTING = "RESTARTING";
}
