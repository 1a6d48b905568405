-- Rate-limit counters need no durability: a crash may reset them, which only lets a client start a
-- window over. Unlogged, a hit writes no WAL, so its commit does not wait for a WAL flush and the
-- per-IP counter row (the same row for every request from one address) is released at once.
ALTER TABLE "rate_limits" SET UNLOGGED;
