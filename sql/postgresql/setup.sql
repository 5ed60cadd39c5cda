-- bluegreen: two interchangeable PostgreSQL login users for one application.
--
-- Run as the RDS master user (or any role with CREATEROLE), connected to the
-- application's database:
--
--   psql "host=<rds-endpoint> dbname=<appdb> user=<master> sslmode=verify-full sslrootcert=global-bundle.pem" \
--        -v ON_ERROR_STOP=1 -v blue_user=app_blue -v green_user=app_green \
--        [-v owner_role=app_owner] [-v schema=app] \
--        -f sql/postgresql/setup.sql
--
-- What it makes (each step is skipped when already done, so running it again is safe,
-- also after rotations: it never touches a password):
--   owner_role   NOLOGIN role that owns the schema and every object the app creates.
--   blue_user,   LOGIN roles, members of owner_role, with no password: nobody can log
--   green_user   in as them until the rotation (or the bootstrap step in
--                docs/deployment.md) sets one. Passwords never appear in this file.
--   schema       owned by owner_role, first on both users' search_path.
-- Both users start every session in this database as owner_role (ALTER ROLE ... IN
-- DATABASE ... SET role), so a table created by blue is owned by owner_role and green
-- can read, write, ALTER and DROP it exactly like blue: the users are interchangeable,
-- including for migrations. pg_stat_activity still shows the login user (usename), which
-- is what the rotator's live-session check looks at.
--
-- Names are quoted with format('%I') everywhere, so any name is safe to pass. Statements
-- are generated with SELECT ... \gexec because psql does not substitute :variables
-- inside DO blocks.

\set ON_ERROR_STOP on
\set QUIET on

\if :{?blue_user}
\else
  DO $$ BEGIN RAISE EXCEPTION 'setup.sql: pass -v blue_user=<name> -v green_user=<name>'; END $$;
\endif
\if :{?green_user}
\else
  DO $$ BEGIN RAISE EXCEPTION 'setup.sql: pass -v blue_user=<name> -v green_user=<name>'; END $$;
\endif
\if :{?owner_role}
\else
  \set owner_role app_owner
\endif
\if :{?schema}
\else
  \set schema app
\endif

-- Three different names, and not a system schema: a typo here would otherwise grant
-- the wrong thing.
SELECT (:'blue_user' <> :'green_user'
        AND :'owner_role' NOT IN (:'blue_user', :'green_user')
        AND :'schema' NOT IN ('public', 'pg_catalog', 'information_schema')) AS bluegreen_names_ok \gset
\if :bluegreen_names_ok
\else
  DO $$ BEGIN RAISE EXCEPTION 'setup.sql: blue_user, green_user and owner_role must differ, and schema must be the app''s own (not public)'; END $$;
\endif

BEGIN;

-- 1. The owner role. NOLOGIN even if it existed: nobody should hold its credentials.
SELECT format('CREATE ROLE %I NOLOGIN', :'owner_role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner_role') \gexec
SELECT format('ALTER ROLE %I NOLOGIN', :'owner_role') \gexec

-- 2. The two login users, without a password (password authentication fails for a
--    role that has none, so they are unusable until a password is set).
SELECT format('CREATE ROLE %I LOGIN INHERIT', u)
  FROM (VALUES (:'blue_user'), (:'green_user')) AS v(u)
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = u) \gexec

-- 3. Both are members of the owner role.
SELECT format('GRANT %I TO %I', :'owner_role', u)
  FROM (VALUES (:'blue_user'), (:'green_user')) AS v(u)
 WHERE NOT pg_has_role(u, :'owner_role', 'MEMBER') \gexec

-- 4. On RDS the master user is not a superuser: to create a schema owned by the owner
--    role it must be able to SET ROLE to it. Grant that membership when it is missing
--    (PostgreSQL 16+ distinguishes the SET option; older versions only membership).
SELECT current_setting('server_version_num')::int >= 160000 AS bluegreen_pg16 \gset
\if :bluegreen_pg16
SELECT format('GRANT %I TO CURRENT_USER WITH SET TRUE', :'owner_role')
 WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
   AND NOT pg_has_role(current_user, :'owner_role', 'SET') \gexec
\else
SELECT format('GRANT %I TO CURRENT_USER', :'owner_role')
 WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
   AND NOT pg_has_role(current_user, :'owner_role', 'MEMBER') \gexec
\endif

-- 5. The application's schema, owned by the owner role. A schema that already exists
--    keeps its owner; the owner role gets the rights it needs in it instead.
SELECT format('CREATE SCHEMA %I AUTHORIZATION %I', :'schema', :'owner_role')
 WHERE NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = :'schema') \gexec
SELECT format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', :'schema', :'owner_role') \gexec

-- 6. Connect and temporary-table rights on this database (PUBLIC usually has them, but
--    hardened databases revoke them from PUBLIC).
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), u)
  FROM (VALUES (:'blue_user'), (:'green_user')) AS v(u) \gexec

-- 7. What makes the users interchangeable: every session of either user in this
--    database runs as the owner role, with the app schema first on the search path.
--    Scoped to this database (IN DATABASE), so the users behave normally elsewhere.
--    Note for a user changing its own password (self-service rotation): ALTER ROLE ...
--    PASSWORD checks the current role, so that session must first run SET ROLE NONE.
--    (RESET ROLE is not enough: it returns to this per-role default, the owner role.)
SELECT format('ALTER ROLE %I IN DATABASE %I SET role = %L', u, current_database(), :'owner_role')
  FROM (VALUES (:'blue_user'), (:'green_user')) AS v(u) \gexec
SELECT format('ALTER ROLE %I IN DATABASE %I SET search_path = %I, public', u, current_database(), :'schema')
  FROM (VALUES (:'blue_user'), (:'green_user')) AS v(u) \gexec

COMMIT;

\unset QUIET
\echo 'bluegreen setup done:' :'blue_user' 'and' :'green_user' 'act as' :'owner_role' 'in schema' :'schema'
