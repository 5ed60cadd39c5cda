#!/bin/sh
# bluegreen container entrypoint: resolve the active database credentials once, at
# start, then exec the application with them in its environment.
#
#   1. read the pointer (SSM parameter) -> the active slot, e.g. "green"
#   2. read that slot's secret (AWSCURRENT) from Secrets Manager
#   3. export username/password (and optionally host/port/dbname) under the names the
#      app expects, then exec the app (it becomes PID 1's replacement: signals reach it)
#
# Reading the pointer and then the secret is safe without locking: the rotator never
# rotates the slot the pointer names, and a slot it has just left keeps working until
# that slot's own next rotation, which waits for every task using it to be replaced.
#
# Configuration (environment):
#   BLUEGREEN_POINTER_PARAMETER  required. SSM parameter name, e.g. /bluegreen/myapp/active-slot
#   BLUEGREEN_SECRET_<SLOT>      secret id (name or ARN) for a slot; <SLOT> is the slot
#                                upper-cased with - and . as _ (BLUEGREEN_SECRET_GREEN).
#   BLUEGREEN_SECRET_PREFIX      otherwise: secret id = prefix + slot (e.g. myapp/db/ -> myapp/db/green)
#   BLUEGREEN_USERNAME_VAR       name of the variable that gets the username (default DB_USERNAME)
#   BLUEGREEN_PASSWORD_VAR       ... the password (default DB_PASSWORD)
#   BLUEGREEN_HOST_VAR, BLUEGREEN_PORT_VAR, BLUEGREEN_DBNAME_VAR
#                                optional: also export host / port / dbname under these names
#   BLUEGREEN_ENDPOINT_URL       optional: --endpoint-url for both AWS calls (tests, PrivateLink DNS)
#   BLUEGREEN_AWS                optional: the aws command (default: aws)
#   AWS_REGION / AWS_DEFAULT_REGION and the task role's credentials are used as the AWS
#   CLI always does. The app also gets BLUEGREEN_ACTIVE_SLOT (not secret) for its logs.
#
# Requirements in the image: POSIX sh, the AWS CLI (v1 or v2) and jq. The task role
# needs ssm:GetParameter on the pointer and secretsmanager:GetSecretValue on both slot
# secrets (template.yaml output AppCredentialsReadPolicyArn).
#
# Never prints a secret: values travel in shell variables and through printf (a shell
# builtin) on a pipe to jq, never on a command line (visible in ps) or in a message.
# Exit codes: 64 bad configuration, 69 an AWS call failed, 65 bad pointer/secret data.

set -eu

_bg_me=bluegreen-entrypoint
fail() { _bg_code=$1; shift; echo "$_bg_me: error: $*" >&2; exit "$_bg_code"; }
info() { echo "$_bg_me: $*" >&2; }

[ $# -gt 0 ] || fail 64 "no command given: use as ENTRYPOINT [\"/entrypoint.sh\"] with the app as CMD, or pass the command as arguments"
_bg_aws_cmd=${BLUEGREEN_AWS:-aws}
command -v "$_bg_aws_cmd" >/dev/null 2>&1 || fail 64 "the AWS CLI ('$_bg_aws_cmd') is not installed in this image"
command -v jq >/dev/null 2>&1 || fail 64 "jq is not installed in this image"

_bg_pointer=${BLUEGREEN_POINTER_PARAMETER:-}
[ -n "$_bg_pointer" ] || fail 64 "BLUEGREEN_POINTER_PARAMETER is not set (the SSM parameter naming the active slot)"

# Internal variables are all _bg_*, so an output name may not start with that.
valid_var_name() { case $1 in ''|[0-9]*|*[!A-Za-z0-9_]*|_bg_*) return 1 ;; esac; return 0; }
_bg_user_var=${BLUEGREEN_USERNAME_VAR:-DB_USERNAME}
_bg_pass_var=${BLUEGREEN_PASSWORD_VAR:-DB_PASSWORD}
for _bg_v in "$_bg_user_var" "$_bg_pass_var" ${BLUEGREEN_HOST_VAR:-} ${BLUEGREEN_PORT_VAR:-} ${BLUEGREEN_DBNAME_VAR:-}; do
  valid_var_name "$_bg_v" || fail 64 "'$_bg_v' is not a valid environment variable name"
done

# --endpoint-url only when asked for. AWS_PAGER empty: CLI v2 would otherwise pipe
# output through a pager when the container has a terminal (docker run -t) and hang.
aws_call() {
  if [ -n "${BLUEGREEN_ENDPOINT_URL:-}" ]; then
    AWS_PAGER='' "$_bg_aws_cmd" --endpoint-url "$BLUEGREEN_ENDPOINT_URL" "$@"
  else
    AWS_PAGER='' "$_bg_aws_cmd" "$@"
  fi
}

# 1. The pointer. The AWS CLI's own error message (stderr) is passed through: it says
#    what was wrong (access denied, not found, no region) and never contains a secret.
_bg_slot=$(aws_call ssm get-parameter --name "$_bg_pointer" --query Parameter.Value --output text) ||
  fail 69 "could not read the pointer parameter '$_bg_pointer' (see the AWS CLI message above)"
# The slot becomes part of a variable name below, so only a conservative alphabet.
case $_bg_slot in
  ''|*[!A-Za-z0-9._-]*) fail 65 "the pointer '$_bg_pointer' holds '$_bg_slot', which is not a slot name (letters, digits, . _ -)" ;;
esac

# 2. Which secret belongs to the slot.
_bg_slot_key=$(printf '%s' "$_bg_slot" | tr 'a-z.-' 'A-Z__')
eval "_bg_secret_id=\${BLUEGREEN_SECRET_${_bg_slot_key}:-}"
if [ -z "$_bg_secret_id" ]; then
  [ -n "${BLUEGREEN_SECRET_PREFIX:-}" ] ||
    fail 64 "no secret configured for slot '$_bg_slot': set BLUEGREEN_SECRET_${_bg_slot_key} or BLUEGREEN_SECRET_PREFIX"
  _bg_secret_id=$BLUEGREEN_SECRET_PREFIX$_bg_slot
fi

_bg_secret=$(aws_call secretsmanager get-secret-value --secret-id "$_bg_secret_id" --version-stage AWSCURRENT \
           --query SecretString --output text) ||
  fail 69 "could not read secret '$_bg_secret_id' for slot '$_bg_slot' (see the AWS CLI message above)"

# 3. Fields. `jq -e` fails on a missing/null field or on input that is not JSON; its
#    own messages name the position, not the content, and are silenced anyway.
field() { # $1 json key, $2 required|optional
  if _bg_value=$(printf '%s' "$_bg_secret" | jq -er --arg k "$1" '.[$k] | select(. != null and . != "") | tostring' 2>/dev/null); then
    printf '%s' "$_bg_value"
  elif [ "$2" = required ]; then
    return 1
  fi
}
printf '%s' "$_bg_secret" | jq -e 'type == "object"' >/dev/null 2>&1 ||
  fail 65 "secret '$_bg_secret_id' does not hold a JSON object"
_bg_username=$(field username required) || fail 65 "secret '$_bg_secret_id' has no \"username\""
_bg_password=$(field password required) || fail 65 "secret '$_bg_secret_id' has no \"password\""

export "$_bg_user_var=$_bg_username"
export "$_bg_pass_var=$_bg_password"
if [ -n "${BLUEGREEN_HOST_VAR:-}" ]; then export "$BLUEGREEN_HOST_VAR=$(field host optional)"; fi
if [ -n "${BLUEGREEN_PORT_VAR:-}" ]; then export "$BLUEGREEN_PORT_VAR=$(field port optional)"; fi
if [ -n "${BLUEGREEN_DBNAME_VAR:-}" ]; then export "$BLUEGREEN_DBNAME_VAR=$(field dbname optional)"; fi
export BLUEGREEN_ACTIVE_SLOT="$_bg_slot"
unset _bg_secret _bg_password _bg_value

info "slot '$_bg_slot' (secret '$_bg_secret_id', user '$_bg_username'): starting $1"
exec "$@"
