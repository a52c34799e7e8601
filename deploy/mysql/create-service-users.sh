#!/bin/sh
# One database user per service, with every right on its own schema, SELECT and INSERT on its command audit log
# (schema <schema>_audit) and none elsewhere (least privilege).
# Idempotent: creates what is missing, sets the passwords given, and takes back any right beyond the service's
# own schema (REVOKE ALL, then GRANT on that schema), so running it again converges. MySQL 8 and MariaDB 10.5+.
#
# Run by the mysql container on its first start (docker-compose.yml mounts it into /docker-entrypoint-initdb.d);
# on an existing volume, run it again by hand:
#   docker compose exec mysql /docker-entrypoint-initdb.d/create-service-users.sh
# or from anywhere with a client:
#   DB_ADMIN_HOST=db.internal DB_ADMIN_PASSWORD=... REGISTRATION_DB_PASSWORD=... ... sh deploy/mysql/create-service-users.sh
#
# Environment
#   REGISTRATION_DB_PASSWORD, CREDIT_DB_PASSWORD, EVALUATION_DB_PASSWORD, PURCHASING_DB_PASSWORD   required
#   REGISTRATION_DB_USER (sop_registration), CREDIT_DB_USER (sop_credit), EVALUATION_DB_USER (sop_evaluation),
#   PURCHASING_DB_USER (sop_purchasing)                                                            the accounts
#   REGISTRATION_DB_NAME (registration), CREDIT_DB_NAME (credit_supervision), EVALUATION_DB_NAME (evaluation),
#   PURCHASING_DB_NAME (service_purchasing)                                                        their schemas
#   SERVICE_DB_USER_HOST   host part of the accounts (default %)
#   DB_ADMIN_USER (root), DB_ADMIN_PASSWORD (default $MYSQL_ROOT_PASSWORD), DB_ADMIN_HOST (default: the local
#   socket), DB_ADMIN_PORT (3306), MYSQL_CLIENT (mysql)                                             who runs the SQL
# Options
#   --print   write the SQL to stdout instead of running it (it contains the passwords)
set -eu

fail() {
  echo "create-service-users: $*" >&2
  exit 1
}

# An identifier (schema, user, host) is checked, never escaped: only letters, digits, _ (and %, ., - for hosts).
ident() {
  printf '%s' "$2" | grep -Eq "^$3\$" || fail "$1 \"$2\" is not allowed (must match $3)"
  printf '%s' "$2"
}

# A password as an SQL string literal: backslashes and quotes doubled.
literal() {
  printf "'%s'" "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/''/g")"
}

USER_HOST=$(ident SERVICE_DB_USER_HOST "${SERVICE_DB_USER_HOST:-%}" '[A-Za-z0-9_.%-]{1,60}')

service_sql() {
  # $1 label (variable prefix), $2 default user, $3 default schema
  eval "user=\${$1_DB_USER:-$2}; schema=\${$1_DB_NAME:-$3}; password=\${$1_DB_PASSWORD:-}"
  [ -n "$password" ] || fail "$1_DB_PASSWORD is required (the $1 service's database password)"
  user=$(ident "$1_DB_USER" "$user" '[A-Za-z0-9_]{1,32}')
  # 58: the command audit log's schema adds "_audit" within MySQL's 64.
  schema=$(ident "$1_DB_NAME" "$schema" '[A-Za-z0-9_]{1,58}')
  account="'$user'@'$USER_HOST'"
  pw=$(literal "$password")
  cat <<SQL
-- $1: $account, rights on \`$schema\` only
CREATE DATABASE IF NOT EXISTS \`$schema\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS $account IDENTIFIED BY $pw;
ALTER USER $account IDENTIFIED BY $pw;
REVOKE ALL PRIVILEGES, GRANT OPTION FROM $account;
GRANT ALL PRIVILEGES ON \`$schema\`.* TO $account;
-- The command audit log (issue 13): its own schema, where the service may only add and read entries, never change
-- or delete them. Same definition as mysqlCommandAuditDdl in libs/shared/http/src/command-audit/command-audit.log.ts.
CREATE DATABASE IF NOT EXISTS \`${schema}_audit\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE TABLE IF NOT EXISTS \`${schema}_audit\`.command_audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  subject VARCHAR(200) NULL, roles VARCHAR(300) NOT NULL, jurisdiction VARCHAR(12) NULL, unit_id VARCHAR(100) NULL,
  organization_uscc VARCHAR(18) NULL, method VARCHAR(8) NOT NULL, route VARCHAR(300) NOT NULL, target VARCHAR(2000) NOT NULL,
  client_address VARCHAR(64) NULL, request_id VARCHAR(100) NULL, correlation_id VARCHAR(100) NULL,
  status SMALLINT NOT NULL, problem_code VARCHAR(100) NULL,
  KEY IDX_command_audit_at (at), KEY IDX_command_audit_subject (subject, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
GRANT SELECT, INSERT ON \`${schema}_audit\`.* TO $account;
SQL
}

sql() {
  service_sql REGISTRATION sop_registration registration
  service_sql CREDIT sop_credit credit_supervision
  service_sql EVALUATION sop_evaluation evaluation
  service_sql PURCHASING sop_purchasing service_purchasing
  echo "FLUSH PRIVILEGES;"
}

# Build the whole script first: a missing password stops everything before anything is changed.
SCRIPT=$(sql)

if [ "${1:-}" = "--print" ]; then
  printf '%s\n' "$SCRIPT"
  exit 0
fi

set -- -u"${DB_ADMIN_USER:-root}"
[ -n "${DB_ADMIN_HOST:-}" ] && set -- "$@" -h"$DB_ADMIN_HOST" -P"${DB_ADMIN_PORT:-3306}" --protocol=TCP
# The password goes through the environment (MYSQL_PWD), not the command line.
printf '%s\n' "$SCRIPT" | MYSQL_PWD="${DB_ADMIN_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}" "${MYSQL_CLIENT:-mysql}" "$@"
echo "create-service-users: registration, credit, evaluation, purchasing users ready (host '$USER_HOST')"
