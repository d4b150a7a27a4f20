-- The reference bot's schema. This is the bot's own business: the framework
-- reads it only through the SQL written in bots/<name>.yaml (observe.*).
-- Idempotent: safe to run on every start.

create table if not exists sessions (
    phone            text primary key,            -- customer wa_id, digits only
    product          text not null,
    state            text not null,
    phase            text not null,
    language         text not null default 'es',  -- es | en
    data             jsonb not null default '{}'::jsonb, -- collected fields; PII masked
    business_phone_id text not null default '',   -- metadata.phone_number_id, for Graph sends
    opted_out        boolean not null default false,
    handoff          boolean not null default false,
    consent_at       timestamptz,
    turn             integer not null default 0,
    created_at       timestamptz not null default clock_timestamp(),
    updated_at       timestamptz not null default clock_timestamp()
);

-- Every inbound and outbound message, in order (id).
create table if not exists messages (
    id           bigserial primary key,
    phone        text not null,
    direction    text not null check (direction in ('in', 'out')),
    wamid        text,                            -- WhatsApp message id (inbound: Meta's; outbound: ours)
    type         text not null,                   -- text, image, interactive, ...
    body         text not null default '',        -- PII masked
    state        text,                            -- session state after this message was handled
    phase        text,
    processed_at timestamptz,                     -- inbound: set when the bot's turn for it is done
    created_at   timestamptz not null default clock_timestamp()
);
create unique index if not exists messages_inbound_wamid on messages (wamid) where direction = 'in';
create index if not exists messages_phone_id on messages (phone, id);

-- The phase path: one row per state change.
create table if not exists transitions (
    id         bigserial primary key,
    phone      text not null,
    from_state text not null,
    to_state   text not null,
    from_phase text not null,
    to_phase   text not null,
    intent     text not null,
    created_at timestamptz not null default clock_timestamp()
);
create index if not exists transitions_phone_id on transitions (phone, id);

create table if not exists consents (
    id         bigserial primary key,
    phone      text not null,
    granted    boolean not null,
    text_shown text not null,                     -- the consent text the customer answered
    created_at timestamptz not null default clock_timestamp()
);

-- Stripe idempotency: one row per processed event id.
create table if not exists stripe_events (
    event_id    text primary key,
    type        text not null,
    received_at timestamptz not null default clock_timestamp()
);

create table if not exists payments (
    id          bigserial primary key,
    event_id    text not null,
    phone       text,
    checkout_id text not null default '',
    amount      bigint not null default 0,        -- minor units
    currency    text not null default '',
    status      text not null default '',
    created_at  timestamptz not null default clock_timestamp()
);
create index if not exists payments_phone on payments (phone);

-- Booking / quote receipts rendered at /receipt/{id}; data is customer-supplied.
create table if not exists receipts (
    id         text primary key,                  -- R-<hex>, quoted to the customer
    phone      text not null,
    kind       text not null,                     -- booking | quote
    data       jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default clock_timestamp()
);
create index if not exists receipts_phone on receipts (phone);

create table if not exists gdpr_requests (
    id         bigserial primary key,
    phone      text not null,
    kind       text not null check (kind in ('access', 'erasure')),
    created_at timestamptz not null default clock_timestamp()
);
