#!/bin/sh
# Runs sql/mysql/setup.sql with its parameters, after checking them.
#
#   sql/mysql/apply.sh --db appdb --blue app_blue --green app_green [--user-host '%'] \
#       -- [mysql client options: -h host -u admin -p --ssl-ca=...]
#
# Everything after "--" goes to the client ($BLUEGREEN_MYSQL, default: mysql, or mariadb when
# only that exists), in its order, except that option-file options (--defaults-extra-file=FILE and
# the like) are moved to the front, where the client accepts them. Use -p (prompt) or
# --defaults-extra-file=FILE (a [client] section with password="...") for the admin password,
# never a password on the command line. stack-tests' MySqlApplyAdminPasswordTest runs both.
# Keep --user-host the same on every run: another value creates a second account per user name
# ('app_blue'@'%' and 'app_blue'@'10.0.%'), and the rotation refuses to guess which one the app uses.
# Names are restricted to letters, digits and underscore (users: at most 32 characters,
# MySQL's limit), so they can be written into the SET statement without quoting issues;
# setup.sql quotes them properly again on its side.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
die() { echo "apply.sh: $*" >&2; exit 2; }

db='' blue='' green='' user_host=%
while [ $# -gt 0 ]; do
  case $1 in
    --db) db=${2-}; shift 2 ;;
    --blue) blue=${2-}; shift 2 ;;
    --green) green=${2-}; shift 2 ;;
    --user-host) user_host=${2-}; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (client options go after --)" ;;
  esac
done

name_ok() { # $1 value, $2 max length
  case $1 in ''|*[!A-Za-z0-9_]*) return 1 ;; esac
  [ ${#1} -le "$2" ]
}
name_ok "$db" 64 || die "--db must be letters, digits, underscore (got '$db')"
name_ok "$blue" 32 || die "--blue must be letters, digits, underscore, at most 32 (got '$blue')"
name_ok "$green" 32 || die "--green must be letters, digits, underscore, at most 32 (got '$green')"
[ "$blue" != "$green" ] || die "--blue and --green must differ"
case $user_host in ''|*[!A-Za-z0-9._%-]*) die "--user-host must be a host name, IP or pattern like 10.0.% (got '$user_host')" ;; esac

client=${BLUEGREEN_MYSQL:-}
if [ -z "$client" ]; then
  if command -v mysql >/dev/null 2>&1; then client=mysql
  elif command -v mariadb >/dev/null 2>&1; then client=mariadb
  else die "no mysql or mariadb client on PATH (or set BLUEGREEN_MYSQL)"; fi
fi

# The client reads its option-file options (--defaults-extra-file=..., --defaults-file=..., --no-defaults,
# --defaults-group-suffix=..., --login-path=...) only at the very start of its command line, and fails on them
# anywhere else ("unknown variable"): move them before --batch, keeping everything else in its order.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
defaults=''
n=$#
while [ "$n" -gt 0 ]; do
  arg=$1
  shift
  n=$((n - 1))
  case $arg in
    --no-defaults|--defaults-file=*|--defaults-extra-file=*|--defaults-group-suffix=*|--login-path=*)
      defaults="$defaults $(quote "$arg")" ;;
    *) set -- "$@" "$arg" ;;
  esac
done
eval "set -- $defaults --batch \"\$@\""

{
  printf "SET @bg_db = '%s', @bg_blue_user = '%s', @bg_green_user = '%s', @bg_user_host = '%s';\n" \
    "$db" "$blue" "$green" "$user_host"
  cat "$here/setup.sql"
} | "$client" "$@"
