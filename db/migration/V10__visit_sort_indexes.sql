-- One index per grid column the rollups cannot position (V8 serves start time, status and meeting
-- type). Each holds the sort key, the range column and the tie-break in the grid's order
-- (VisitSort.orderBy: a descending sort is the exact reverse of the ascending one), so
--  * the first page sorted by that column reads 100 index entries instead of sorting the range;
--  * a deep page skips the rows before it inside the index, without reading the table
--    (VisitQueries.pageThroughIndex).
-- Cost: about 65 MB per index per million visits and one more index entry per visit upsert.
create index visit_by_lobby_wait on visit (organisation_id, lobby_wait_seconds nulls first, start_time, meeting_id);
create index visit_by_duration on visit (organisation_id, duration_seconds, start_time, meeting_id);
create index visit_by_participants on visit (organisation_id, participants, start_time, meeting_id);
create index visit_by_sms_sent on visit (organisation_id, sms_sent, start_time, meeting_id);
-- The primary key (organisation_id, meeting_id) orders by meeting id but lacks the range column.
create index visit_by_meeting_id on visit (organisation_id, meeting_id) include (start_time);
