-- meeting_event and visit are the tables written at the rate events arrive. Their foreign keys to
-- organisation made PostgreSQL check every inserted row with a SELECT ... FOR KEY SHARE on the
-- organisation's row, and concurrent batches of one organisation then share that row lock through
-- multixacts. Dropping them took the ingestion benchmark from 37-40 to 23-28 µs of PostgreSQL CPU per
-- event, and the batch insert from 46 to 14 ms (4 client threads, bench/ingest/README.md). The
-- organisation id of an event or visit always comes from the authenticated API token (or the demo
-- seeder), never from a request body, and organisations are never deleted, so the checks guarded
-- nothing that can happen. The low-volume tables keep theirs.
alter table meeting_event drop constraint meeting_event_organisation_id_fkey;
alter table visit drop constraint visit_organisation_id_fkey;
