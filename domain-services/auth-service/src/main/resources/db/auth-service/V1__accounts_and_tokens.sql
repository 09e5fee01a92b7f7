-- Accounts: one per (lower-case) email. Passwords are stored only as BCrypt hashes.
create table user_account (
    id            varchar(64)  primary key,
    email         varchar(254) not null unique,
    full_name     varchar(200) not null,
    password_hash varchar(100) not null,
    roles         varchar(200) not null,
    created_at    timestamp    not null
);

-- A family is the chain of refresh tokens that descend from one login. Revoking it ends the whole session.
create table refresh_family (
    id            varchar(64) primary key,
    user_id       varchar(64) not null references user_account (id),
    revoked_at    timestamp,
    revoke_reason varchar(40),
    created_at    timestamp   not null
);
create index ix_refresh_family_user on refresh_family (user_id);

-- Refresh tokens are stored as their SHA-256 hash only; each may be used once.
create table refresh_token (
    token_hash varchar(64) primary key,
    family_id  varchar(64) not null references refresh_family (id),
    expires_at timestamp   not null,
    used_at    timestamp,
    created_at timestamp   not null
);
create index ix_refresh_token_family on refresh_token (family_id);
