create table app_user (
    id         varchar(64)  primary key,
    email      varchar(254) not null,
    full_name  varchar(200) not null,
    phone      varchar(40),
    created_at timestamp    not null,
    updated_at timestamp    not null,
    version    bigint       not null
);
create unique index ux_app_user_email on app_user (email);
