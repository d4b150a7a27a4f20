-- The fake bot's tables: what fakebot.yaml's observe SQL reads.
create table messages (
    id bigserial primary key,
    phone text not null,
    direction text not null check (direction in ('in', 'out')),
    type text not null default 'text', -- the Cloud API message type received
    body text not null default '',
    wamid text,
    processed_at timestamptz
);
create table sessions (
    phone text primary key,
    state text not null,
    phase text not null,
    language text not null default '',
    opted_out boolean not null default false
);
create table transitions (
    id bigserial primary key,
    phone text not null,
    to_phase text not null
);
