package dev.souk.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.security.ProblemSecurityHandlers;

/** Behind a proxy, a caller is counted by the address the proxy saw, whatever the caller wrote before it. */
class RateLimitFilterTests {

    private final RateLimitFilter filter = new RateLimitFilter(
            new RateLimitProperties(true, "100/10s", "2/1m", "2/1m", true, 100),
            new ProblemSecurityHandlers(new ObjectMapper(), false));

    @Test
    void forgedForwardedForEntriesDoNotBuyNewBuckets() throws Exception {
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/products");
            // the client writes a fresh address each time; the proxy appends the one it saw
            request.addHeader("X-Forwarded-For", "10.0.0." + i + ", 203.0.113.7");
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, new MockFilterChain());
            if (response.getStatus() == 429) {
                refused++;
            }
        }

        assertThat(refused).isEqualTo(3);
    }
}
