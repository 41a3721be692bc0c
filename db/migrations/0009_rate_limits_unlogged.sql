-- Rate-limit counters are not worth a WAL record, nor a wait for one (drizzle-kit cannot express
-- UNLOGGED). A transaction that writes only unlogged tables commits without flushing the WAL, so
-- the limit check of every booking no longer waits for a disk flush while it holds its salon's
-- counter row: on Postgres (bench:rate-limit, 32 clients, one salon) about 2,900 checks/s at a
-- 6 ms median instead of 700–1,100 at 18–25 ms. The price: after a crash Postgres empties the
-- table (every limit starts again), and standbys do not have it (limits are counted on the primary).
ALTER TABLE "rate_limits" SET UNLOGGED;
