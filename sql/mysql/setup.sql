-- bluegreen: two interchangeable MySQL 8 / MariaDB (10.10+) login users for one app.
--
-- Parameters are user variables set before this file runs. The wrapper does that and
-- validates the names (recommended):
--
--   sql/mysql/apply.sh --db appdb --blue app_blue --green app_green [--user-host '%'] \
--       -- -h <rds-endpoint> -u <master> -p --ssl-ca=global-bundle.pem
--
-- or by hand, setting the variables in the same session first:
--
--   { echo "SET @bg_db = 'appdb', @bg_blue_user = 'app_blue', @bg_green_user = 'app_green';"
--     cat sql/mysql/setup.sql; } | mysql -h <rds-endpoint> -u <master> -p
--   (@bg_user_host is optional, default '%'; an interactive `SOURCE` works too)
--
-- What it makes (each step is a no-op when already done, so running it again is safe,
-- also after rotations: it never changes an existing user's password):
--   * the database, if missing;
--   * the two users. A new user gets a random throwaway password generated inside the
--     server (RANDOM_BYTES; no password is in this file or known to anyone), so it
--     cannot log in until the rotation (or the bootstrap step in docs/deployment.md)
--     sets the real one;
--   * exactly the same privileges for both, from one list (below).
--
-- Why identical GRANTs rather than a role: MySQL and MariaDB spell role defaults
-- differently (SET DEFAULT ROLE ... TO vs FOR), MySQL activates only default roles at
-- login, and views/triggers/routines run with their DEFINER's privileges, where role
-- activation differs between the two. Direct grants behave the same everywhere. Tables
-- have no owner in MySQL, so anything blue creates green can use, and vice versa.
-- Identifiers are built with backtick escaping and QUOTE(), then run with PREPARE,
-- because MySQL does not take identifiers from variables any other way.
-- Tested here against MariaDB 10.11; the statements used are also MySQL 8 syntax.

SET @bg_user_host = COALESCE(@bg_user_host, '%');

-- A missing parameter gives one readable error (the "unknown column" name). Every later
-- statement is guarded by @bg_ok as well, because a client that SOURCEs this file keeps
-- going after an error (only `mysql < file` and the wrapper stop at the first one).
SET @bg_ok = (@bg_db IS NOT NULL AND @bg_blue_user IS NOT NULL AND @bg_green_user IS NOT NULL
              AND @bg_blue_user <> @bg_green_user);
SET @bg_sql = IF(@bg_ok, 'DO 0',
                 'SELECT `setup.sql needs @bg_db, @bg_blue_user and @bg_green_user (two different names)`');
PREPARE bg_stmt FROM @bg_sql; EXECUTE bg_stmt; DEALLOCATE PREPARE bg_stmt;

SET @bg_q_db    = CONCAT('`', REPLACE(@bg_db, '`', '``'), '`');
SET @bg_q_blue  = CONCAT(QUOTE(@bg_blue_user), '@', QUOTE(@bg_user_host));
SET @bg_q_green = CONCAT(QUOTE(@bg_green_user), '@', QUOTE(@bg_user_host));

-- The one privilege list both users get: everything an application and its migrations
-- need inside its own database, nothing server-wide. Edit here, then re-run.
SET @bg_privileges = 'SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, EVENT, TRIGGER';

-- 1. The database.
SET @bg_sql = IF(@bg_ok, CONCAT('CREATE DATABASE IF NOT EXISTS ', @bg_q_db), 'DO 0');
PREPARE bg_stmt FROM @bg_sql; EXECUTE bg_stmt; DEALLOCATE PREPARE bg_stmt;

-- 2. The users. IF NOT EXISTS leaves an existing user, and its password, untouched.
SET @bg_sql = IF(@bg_ok, CONCAT('CREATE USER IF NOT EXISTS ', @bg_q_blue, ' IDENTIFIED BY ', QUOTE(SHA2(RANDOM_BYTES(32), 256))), 'DO 0');
PREPARE bg_stmt FROM @bg_sql; EXECUTE bg_stmt; DEALLOCATE PREPARE bg_stmt;
SET @bg_sql = IF(@bg_ok, CONCAT('CREATE USER IF NOT EXISTS ', @bg_q_green, ' IDENTIFIED BY ', QUOTE(SHA2(RANDOM_BYTES(32), 256))), 'DO 0');
PREPARE bg_stmt FROM @bg_sql; EXECUTE bg_stmt; DEALLOCATE PREPARE bg_stmt;
-- Forget the statement text that held the throwaway password.
SET @bg_sql = NULL;

-- 3. Identical privileges (GRANT is idempotent).
SET @bg_sql = IF(@bg_ok, CONCAT('GRANT ', @bg_privileges, ' ON ', @bg_q_db, '.* TO ', @bg_q_blue), 'DO 0');
PREPARE bg_stmt FROM @bg_sql; EXECUTE bg_stmt; DEALLOCATE PREPARE bg_stmt;
SET @bg_sql = IF(@bg_ok, CONCAT('GRANT ', @bg_privileges, ' ON ', @bg_q_db, '.* TO ', @bg_q_green), 'DO 0');
PREPARE bg_stmt FROM @bg_sql; EXECUTE bg_stmt; DEALLOCATE PREPARE bg_stmt;

SELECT IF(@bg_ok, CONCAT('bluegreen setup done: ', @bg_q_blue, ' and ', @bg_q_green, ' have the same privileges on ', @bg_q_db),
          'bluegreen setup NOT done: parameters missing') AS result;
