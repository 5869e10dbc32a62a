#!/usr/bin/env bash
# Creates one database and one owner role per Mission Control service. Run by the postgres image's entrypoint
# (docker-entrypoint-initdb.d) once, when the data directory is empty; it connects as POSTGRES_USER.
#
# Passwords come from the environment (deploy/secrets/postgres.env, written by deploy/generate-secrets.sh):
#   MC_DB_PASSWORD_REGISTRY, MC_DB_PASSWORD_TASK, MC_DB_PASSWORD_APPROVAL, MC_DB_PASSWORD_TELEMETRY
# Each service connects as the role named like its database (DB_USERNAME = DB_NAME in docker-compose.yml).
set -euo pipefail

for db in registry task approval telemetry; do
  var="MC_DB_PASSWORD_${db^^}"
  password="${!var:-}"
  if [[ -z "$password" ]]; then
    echo "initdb: $var is not set (run deploy/generate-secrets.sh)" >&2
    exit 1
  fi
  # psql variables (:'name' / :"name") quote the values; nothing is pasted into SQL text.
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
       -v db="$db" -v password="$password" <<'SQL'
CREATE ROLE :"db" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"db";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"db";
SQL
  echo "initdb: database '$db' owned by role '$db'"
done
