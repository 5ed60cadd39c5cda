#!/bin/sh
# Entrypoint of the local MySQL and MariaDB images (.ci/images), with the official images' interface as far as
# the tests use it: `mysqld|mariadbd [--option...]` (or just options) initialises /var/lib/mysql on first start,
# with root@'%' logging in with $MYSQL_ROOT_PASSWORD (or $MARIADB_ROOT_PASSWORD), and runs the server as the mysql
# user with the given options; anything else runs as given.
set -e
server=mysqld
command -v mariadbd >/dev/null 2>&1 && server=mariadbd
case "$1" in
  -*) set -- "$server" "$@" ;;
  mysqld | mariadbd) shift; set -- "$server" "$@" ;;
  *) exec "$@" ;;
esac
shift
datadir=/var/lib/mysql
mkdir -p "$datadir" /run/mysqld
chown mysql:mysql "$datadir" /run/mysqld
password="${MYSQL_ROOT_PASSWORD:-${MARIADB_ROOT_PASSWORD:?MYSQL_ROOT_PASSWORD is not set}}"
if [ ! -d "$datadir/mysql" ]; then
  if [ "$server" = mariadbd ]; then
    mariadb-install-db --no-defaults --user=mysql --datadir="$datadir" --auth-root-authentication-method=normal \
      --skip-test-db >/dev/null
  else
    mysqld --no-defaults --initialize-insecure --user=mysql --datadir="$datadir" 2>/dev/null
  fi
  quoted="$(printf '%s' "$password" | sed "s/\\\\/\\\\\\\\/g; s/'/''/g")"
  # MariaDB's install makes root@127.0.0.1 and root@::1 without a password; they would match a TCP login before root@%
  printf "DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1';\nCREATE USER 'root'@'%%' IDENTIFIED BY '%s';\nGRANT ALL PRIVILEGES ON *.* TO 'root'@'%%' WITH GRANT OPTION;\n" \
    "$quoted" >/run/mysqld/init.sql
  chown mysql /run/mysqld/init.sql
  set -- --init-file=/run/mysqld/init.sql "$@"
fi
exec "$server" --no-defaults --user=mysql --datadir="$datadir" --socket=/run/mysqld/mysqld.sock \
  --pid-file=/run/mysqld/mysqld.pid "$@"
