package dev.souk.auth.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Creates the administrator's account at start from SOUK_ADMIN_EMAIL and SOUK_ADMIN_PASSWORD when both are set, once:
 * an existing account with that email is left as it is. There is no default password; without both variables no
 * administrator is created.
 */
@Component
class AdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final Accounts accounts;
    private final String email;
    private final String password;

    AdminAccount(Accounts accounts,
                 @Value("${souk.auth.admin.email:}") String email,
                 @Value("${souk.auth.admin.password:}") String password) {
        this.accounts = accounts;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure();
    }

    /** Answers true when it created the account. */
    boolean ensure() {
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            log.info("No administrator account configured (set SOUK_ADMIN_EMAIL and SOUK_ADMIN_PASSWORD to create one)");
            return false;
        }
        if (accounts.findByEmail(email).isPresent()) {
            return false;
        }
        List<String> violations = PasswordPolicy.violations(password);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("SOUK_ADMIN_PASSWORD is refused by the password policy: " + violations);
        }
        try {
            accounts.create(email, password, "Administrator", List.of(Account.ADMIN));
        } catch (dev.souk.kit.problem.ApiException raced) {
            return false;
        }
        log.info("Administrator account created for {}", Accounts.normalise(email));
        return true;
    }
}
