package dev.souk.stack.faults;

import java.time.Duration;
import java.util.List;

import dev.souk.stack.LocalStack;

/** One thing that goes wrong while customers shop, done to the running stack. */
enum Fault {

    HUB_KILLED("kill -9 the hub mid-flow") {
        @Override
        void inject(LocalStack stack, EventTopics topics) {
            stack.kill("integration-hub");
        }
    },
    ORDER_SERVICE_KILLED("kill -9 order-service") {
        @Override
        void inject(LocalStack stack, EventTopics topics) {
            stack.kill("order-service");
        }
    },
    PAYMENT_SERVICE_KILLED("kill -9 payment-service") {
        @Override
        void inject(LocalStack stack, EventTopics topics) {
            stack.kill("payment-service");
        }
    },
    INVENTORY_SERVICE_KILLED("kill -9 inventory-service") {
        @Override
        void inject(LocalStack stack, EventTopics topics) {
            stack.kill("inventory-service");
        }
    },
    DELIVERY_SERVICE_KILLED("kill -9 delivery-service") {
        @Override
        void inject(LocalStack stack, EventTopics topics) {
            stack.kill("delivery-service");
        }
    },
    BROKER_RESTARTED("stop the Kafka broker for 10 s, then start it again") {
        @Override
        void inject(LocalStack stack, EventTopics topics) throws Exception {
            stack.restartBroker(Duration.ofSeconds(10));
        }
    },
    PAYMENT_SERVICE_SLOW("payment-service answers nothing for 8 s (frozen), then goes on") {
        @Override
        void inject(LocalStack stack, EventTopics topics) {
            stack.freeze("payment-service", Duration.ofSeconds(8));
        }
    },
    EVENTS_DUPLICATED_AND_REORDERED("every consumed topic: its latest events sent again, in reverse order") {
        @Override
        void inject(LocalStack stack, EventTopics topics) {
            topics.duplicateAndReorderLatest(50);
        }
    },
    LAST_UNITS_RUSH("200 buyers at once for the last 10 units of a product") {
        @Override
        void inject(LocalStack stack, EventTopics topics) {
            // the rush is the load itself (see FaultHarness): nothing breaks, everyone wants the same units
        }
    };

    /** The scenarios of a full run, in order; the short run (CI) does each once with a small load. */
    static final List<Fault> ALL = List.of(values());

    private final String description;

    Fault(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    abstract void inject(LocalStack stack, EventTopics topics) throws Exception;
}
