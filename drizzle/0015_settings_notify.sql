-- Every write to settings tells the processes on the database to drop their cached copy
-- (db/settings-feed.ts). Statement level: one notification per statement; PostgreSQL sends it at commit
-- and folds repeats within one transaction.
CREATE FUNCTION settings_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('settings_changed', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER settings_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION settings_notify();
