#!/usr/bin/env bash
# Entry point of the cohortflow container image. Runs `cohortflow ARGS...` (the cohortflow on
# PATH); without arguments, `cohortflow watch` on the image's defaults (COHORTFLOW_WATCH_INBOX,
# COHORTFLOW_WATCH_OUTBOX, COHORTFLOW_DB_DIR, set in the Dockerfile).
#
# Environment, besides everything cohortflow itself reads (COHORTFLOW_DB_URL, COHORTFLOW_DB_USER,
# COHORTFLOW_DB_PASSWORD, COHORTFLOW_WATCH_*, COHORTFLOW_IDENTIFIER_SECRET, COHORTFLOW_JAVA_OPTS):
#   NAME_FILE              for each secret NAME above (and the S3 keys): read NAME from that file
#                          (Docker and Kubernetes secrets); setting both NAME and NAME_FILE is an error
#   COHORTFLOW_WAIT_FOR_DB seconds to wait for the host and port of COHORTFLOW_DB_URL to accept
#                          connections before starting (unset or 0: do not wait)
# Exit codes: 2 for a bad setting of this script, 3 when the database did not come up in time,
# otherwise cohortflow's. Secret values are never printed.
set -euo pipefail

say() {
  echo "cohortflow-entrypoint: $*" >&2
}

secrets=(COHORTFLOW_DB_PASSWORD COHORTFLOW_IDENTIFIER_SECRET
  COHORTFLOW_WATCH_S3_ACCESS_KEY COHORTFLOW_WATCH_S3_SECRET_KEY)
for name in "${secrets[@]}"; do
  file_name=${name}_FILE
  file=${!file_name:-}
  [ -n "$file" ] || continue
  if [ -n "${!name:-}" ]; then
    say "both $name and $file_name are set; set only one of them"
    exit 2
  fi
  if [ ! -r "$file" ] || [ ! -f "$file" ]; then
    say "$file_name names $file, which is not a readable file"
    exit 2
  fi
  # $(<file) drops the trailing newline that editors and `echo` leave in secret files.
  export "$name=$(<"$file")"
  unset "$file_name"
done

# Host and port of a jdbc:mariadb://[user@]host[:port][,host2...]/db?... URL (the first host).
database_address() {
  local rest=${1#*://}
  rest=${rest%%[/?]*}
  rest=${rest%%,*}
  rest=${rest##*@}
  if [[ $rest =~ ^\[([^]]+)\](:([0-9]+))?$ ]]; then
    echo "${BASH_REMATCH[1]} ${BASH_REMATCH[3]:-3306}"
  elif [[ $rest =~ ^([^:]+):([0-9]+)$ ]]; then
    echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
  else
    echo "$rest 3306"
  fi
}

wait_for_database() {
  local timeout=$1 host port deadline
  if ! [[ $timeout =~ ^[0-9]+$ ]]; then
    say "COHORTFLOW_WAIT_FOR_DB must be a whole number of seconds, got '$timeout'"
    exit 2
  fi
  [ "$timeout" -gt 0 ] || return 0
  if [ -z "${COHORTFLOW_DB_URL:-}" ]; then
    say "COHORTFLOW_WAIT_FOR_DB is set but COHORTFLOW_DB_URL is not (the embedded database needs no wait)"
    exit 2
  fi
  read -r host port <<<"$(database_address "$COHORTFLOW_DB_URL")"
  deadline=$((SECONDS + timeout))
  say "waiting up to $timeout s for the database at $host:$port"
  # shellcheck disable=SC2016 # $1 and $2 are the inner shell's arguments
  until timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "the database at $host:$port did not accept connections within $timeout s"
      exit 3
    fi
    sleep 1
  done
  say "the database at $host:$port accepts connections"
}

wait_for_database "${COHORTFLOW_WAIT_FOR_DB:-0}"

if [ $# -eq 0 ]; then
  set -- watch
fi
exec cohortflow "$@"
