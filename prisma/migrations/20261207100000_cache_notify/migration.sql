-- Issue 16, ADR 046: every API process caches sessions, users and policies, and drops its copies
-- when PostgreSQL tells it they changed. The triggers below send that news on channel `crm_cache`
-- from INSIDE the writing transaction, so it is delivered only if and when that transaction
-- commits, whichever code path (the API, a script, psql) made the change. Payloads:
--   s:<token_hash>   a session ended          s:*  many sessions ended (drop every cached session)
--   u:<user_id>      a user row was updated (role, active, locale, team, name, password...)
--   t:<team_id>      a team was updated or deleted (its name is part of its members' session user)
--   p:<kind>/<key>/<version>  a policy version stored   p:*  policies changed otherwise

CREATE FUNCTION cache_notify_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM cache_old) > 100 THEN
    PERFORM pg_notify('crm_cache', 's:*');
  ELSE
    PERFORM pg_notify('crm_cache', 's:' || token_hash) FROM cache_old;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cache_notify_sessions_delete AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS cache_old FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_sessions();

CREATE FUNCTION cache_notify_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Every updated row, changed or not: a writer waits for its user's notice (users change rarely).
  PERFORM pg_notify('crm_cache', 'u:' || id) FROM cache_new;
  RETURN NULL;
END $$;
CREATE TRIGGER cache_notify_users_update AFTER UPDATE ON users
  REFERENCING NEW TABLE AS cache_new FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_users();

CREATE FUNCTION cache_notify_teams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('crm_cache', 't:' || id) FROM cache_old;
  RETURN NULL;
END $$;
CREATE TRIGGER cache_notify_teams_update AFTER UPDATE ON teams
  REFERENCING OLD TABLE AS cache_old FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_teams();
CREATE TRIGGER cache_notify_teams_delete AFTER DELETE ON teams
  REFERENCING OLD TABLE AS cache_old FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_teams();

CREATE FUNCTION cache_notify_policies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('crm_cache', 'p:' || kind || '/' || key || '/' || version) FROM cache_new;
  ELSE
    PERFORM pg_notify('crm_cache', 'p:*');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cache_notify_policies_insert AFTER INSERT ON policies
  REFERENCING NEW TABLE AS cache_new FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_policies();
CREATE TRIGGER cache_notify_policies_change AFTER UPDATE OR DELETE OR TRUNCATE ON policies
  FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_policies();
