-- The API runs as a role that owns nothing it should not change (ADR 011).
-- Migrations run as the owner of the schema (whoever runs `prisma migrate deploy`); the API
-- connects as a login role that is a member of crm_app and gets only the privileges below.

-- crm_app: no login of its own; operators GRANT it to the login the API uses. Roles belong to
-- the cluster, so it may exist already (another database of the same server).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crm_app') THEN
    CREATE ROLE crm_app NOLOGIN;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'The role crm_app does not exist and % may not create roles. Create it once (CREATE ROLE crm_app NOLOGIN;) as a role that may, then run the migrations again.', current_user;
END $$;

-- Data, not schema: the public schema is usable, but only the owner creates objects in it.
GRANT USAGE ON SCHEMA public TO crm_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Read and write every table and use its sequences...
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO crm_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO crm_app;
-- ...and the tables later migrations create (they run as the same owner).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO crm_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO crm_app;

-- ...except Prisma's migration history, which is the owner's business...
REVOKE ALL ON TABLE "_prisma_migrations" FROM crm_app;

-- ...and the audit trail, which is append-only: INSERT and SELECT, nothing else.
REVOKE ALL ON TABLE "audit_events" FROM crm_app;
GRANT SELECT, INSERT ON TABLE "audit_events" TO crm_app;

-- Defence in depth: even a role with the privilege (the owner, a superuser) cannot UPDATE or
-- DELETE an audit event without first dropping this trigger, which is itself a schema change.
-- Statement-level, so even a statement that matches no row is refused.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
