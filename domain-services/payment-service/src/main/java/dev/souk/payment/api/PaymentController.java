package dev.souk.payment.api;

import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.problem.Problems;
import dev.souk.kit.security.Access;
import dev.souk.contracts.Ids;
import dev.souk.payment.domain.Payment;
import dev.souk.payment.domain.Payment.PaymentMethod;
import dev.souk.payment.domain.Payment.Status;
import dev.souk.payment.domain.PaymentOutcome;
import dev.souk.payment.domain.PaymentService;
import dev.souk.payment.domain.PaymentService.PaymentCommand;
import dev.souk.payment.provider.PaymentProviderUnavailableException;
import dev.souk.payment.provider.SimulatedPaymentProvider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/payments")
@Validated
@Tag(name = "Payments", description = "Payments of orders through the payment provider, and refunds.")
public class PaymentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String PAYMENT_METHODS = "CREDIT_CARD|DEBIT_CARD|PAYPAL|BANK_TRANSFER";

    private static final String PAY_DESCRIPTION = """
            Charges the payment method for an order and answers the payment.

            * **201** `COMPLETED`: charged now; `PaymentCompleted` is published on `payment-events`.
            * **200**: the order already has a completed payment; that payment is answered and nothing is charged \
            again (also under concurrent requests).
            * **402** `PAYMENT_DECLINED` (problem+json with `paymentId` and `declineReason`): the attempt is stored as \
            `DECLINED` and `PaymentDeclined` is published; the order may pay again, e.g. with another method.
            * **503** `PAYMENT_PROVIDER_UNAVAILABLE` (problem+json with `paymentId`, header `Retry-After`): the provider \
            could not be reached; nothing was charged, the attempt is stored as `FAILED` and no event is published. \
            Retrying (with the same Idempotency-Key too) tries again.
            * **409**: the order's payment was refunded; a refunded order cannot be paid again.
            * **422** `IDEMPOTENCY_KEY_REUSED`: the Idempotency-Key was used before for a different request.

            With an `Idempotency-Key` header, repeating the same request answers the same status and payment without \
            calling the provider again.

            `currency` is an ISO 4217 code and defaults to the service's currency (USD); `amount` has at most 2 decimals.

            **Test payment methods** (built-in simulated provider):

            """ + SimulatedPaymentProvider.TEST_PAYMENT_METHODS_MARKDOWN;

    private final PaymentService payments;
    private final Duration providerRetryAfter;

    PaymentController(PaymentService payments,
                      @Value("${souk.payment.provider-retry-after:5s}") Duration providerRetryAfter) {
        this.payments = payments;
        this.providerRetryAfter = providerRetryAfter;
    }

    public record PaymentRequest(
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
            @NotNull @DecimalMin("0.01") @Digits(integer = 13, fraction = 2) BigDecimal amount,
            @Schema(description = "ISO 4217 currency code; the service's default (USD) when absent", example = "USD")
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code of three capital letters") String currency,
            @Schema(allowableValues = {"CREDIT_CARD", "DEBIT_CARD", "PAYPAL", "BANK_TRANSFER"}, example = "CREDIT_CARD")
            @NotBlank @Pattern(regexp = PAYMENT_METHODS, message = "must be one of " + PAYMENT_METHODS) String paymentMethod,
            @Schema(description = "The provider's id of the customer's card, account or wallet; see the test payment methods",
                    example = "pm_abc")
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String paymentMethodId) {
    }

    public record RefundOrderRequest(
            @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record RefundRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record PaymentResponse(String id, String orderId, String userId, BigDecimal amount, String currency,
                                  PaymentMethod paymentMethod, String paymentMethodId, Status status,
                                  String transactionId, String declineReason, String refundTransactionId,
                                  Instant refundedAt, String refundReason, Instant createdAt, Instant updatedAt) {
        static PaymentResponse of(Payment p) {
            return new PaymentResponse(p.id(), p.orderId(), p.userId(), p.amount(), p.currency(), p.paymentMethod(),
                    p.paymentMethodId(), p.status(), p.transactionId(), p.declineReason(), p.refundTransactionId(),
                    p.refundedAt(), p.refundReason(), p.createdAt(), p.updatedAt());
        }
    }

    @PostMapping
    @Operation(summary = "Pay an order", description = PAY_DESCRIPTION)
    @ApiResponse(responseCode = "201", description = "Charged now",
            content = @Content(schema = @Schema(implementation = PaymentResponse.class)))
    @ApiResponse(responseCode = "200", description = "The order was already paid by this payment",
            content = @Content(schema = @Schema(implementation = PaymentResponse.class)))
    @ApiResponse(responseCode = "402", description = "Declined by the provider (PAYMENT_DECLINED)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The provider cannot be reached (PAYMENT_PROVIDER_UNAVAILABLE); nothing charged",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<PaymentResponse> pay(
            @Valid @RequestBody PaymentRequest request,
            @Parameter(description = "Makes the request safe to repeat: the same key with the same body gets the same answer")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
            @Size(min = 1, max = 100) @Pattern(regexp = "[!-~]+", message = "must be printable ASCII without spaces") String idempotencyKey) {
        PaymentOutcome outcome = payments.pay(new PaymentCommand(request.orderId(), request.userId(), request.amount(),
                request.currency(), PaymentMethod.valueOf(request.paymentMethod()), request.paymentMethodId()), idempotencyKey);
        Payment payment = outcome.payment();
        return switch (outcome.result()) {
            case CREATED -> ResponseEntity.created(URI.create("/api/payments/" + payment.id())).body(PaymentResponse.of(payment));
            case ALREADY_PAID -> ResponseEntity.ok(PaymentResponse.of(payment));
            case DECLINED -> throw new ApiException(HttpStatus.PAYMENT_REQUIRED, ProblemCodes.PAYMENT_DECLINED,
                    "The payment was declined: " + payment.declineReason() + ". The order may pay with another method.")
                    .with("paymentId", payment.id())
                    .with("orderId", payment.orderId())
                    .with("declineReason", payment.declineReason());
            case PROVIDER_UNAVAILABLE -> throw new ProviderUnavailable(payment.id());
        };
    }

    @PostMapping("/refund")
    @Operation(summary = "Refund an order's payment",
            description = "Refunds the order's completed payment in full and publishes PaymentRefunded. Repeating it answers "
                    + "the refunded payment. 404 PAYMENT_NOT_FOUND when the order has no completed payment; 503 "
                    + "PAYMENT_PROVIDER_UNAVAILABLE (with Retry-After) when the provider cannot be reached.")
    PaymentResponse refundOrder(@Valid @RequestBody RefundOrderRequest request) {
        return PaymentResponse.of(payments.refundOrder(request.orderId(), request.reason()));
    }

    @PostMapping("/{id}/refund")
    @Operation(summary = "Refund a payment",
            description = "Refunds a completed payment in full; repeating it answers the refunded payment. 409 for a "
                    + "DECLINED or FAILED payment (nothing was charged).")
    PaymentResponse refund(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                           @Valid @RequestBody RefundRequest request) {
        return PaymentResponse.of(payments.refund(id, request.reason()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A payment", description = "404 PAYMENT_NOT_FOUND when unknown; 403 FORBIDDEN for a customer "
            + "when the payment is another user's.")
    PaymentResponse payment(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id) {
        Payment payment = payments.get(id);
        Access.requireActingFor(payment.userId());
        return PaymentResponse.of(payment);
    }

    @GetMapping
    @Operation(summary = "Every payment attempt of an order, newest first",
            description = "403 FORBIDDEN for a customer when any attempt of the order is another user's.")
    List<PaymentResponse> ofOrder(@RequestParam @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
        List<Payment> attempts = payments.ofOrder(orderId);
        attempts.forEach(attempt -> Access.requireActingFor(attempt.userId()));
        return attempts.stream().map(PaymentResponse::of).toList();
    }

    /** A payment attempt that reached no provider; answered as 503 with Retry-After. */
    static final class ProviderUnavailable extends RuntimeException {
        private final String paymentId;

        ProviderUnavailable(String paymentId) {
            super("The payment provider cannot be reached; nothing was charged. Retry later.");
            this.paymentId = paymentId;
        }
    }

    @ExceptionHandler(ProviderUnavailable.class)
    ResponseEntity<ProblemDetail> providerUnavailable(ProviderUnavailable ex, HttpServletRequest request) {
        ProblemDetail problem = unavailableProblem(ex.getMessage(), request);
        problem.setProperty("paymentId", ex.paymentId);
        return unavailable(problem);
    }

    @ExceptionHandler(PaymentProviderUnavailableException.class)
    ResponseEntity<ProblemDetail> providerUnavailable(PaymentProviderUnavailableException ex, HttpServletRequest request) {
        return unavailable(unavailableProblem("The payment provider cannot be reached; nothing was changed. Retry later.", request));
    }

    private static ProblemDetail unavailableProblem(String detail, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.PAYMENT_PROVIDER_UNAVAILABLE, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, providerRetryAfter.toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
