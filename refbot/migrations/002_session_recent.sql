-- The bot's last few replies (masked), newest last: the engine reads them to
-- avoid repeating itself to a confused customer. Idempotent; the check keeps
-- a restart from taking ALTER TABLE's exclusive lock when nothing changes.
do $$
begin
    if not exists (select 1 from information_schema.columns
                   where table_schema = current_schema() and table_name = 'sessions' and column_name = 'recent') then
        alter table sessions add column recent jsonb not null default '[]'::jsonb;
    end if;
end
$$;
