#!/usr/bin/env bash
# `make run-scaled`: PostgreSQL, Redis, Celery job workers (+ beat) and gunicorn, all on
# loopback, data under var/; Ctrl+C stops all. DATABASE_URL set: that database instead of the
# PostgreSQL cluster in var/pg.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
REDIS_PORT=${REDIS_PORT:-6379}
WEB_WORKERS=${WEB_WORKERS:-4}
CELERY_WORKERS=${CELERY_WORKERS:-2}   # worker processes, one job at a time each
PG_PORT=${PG_PORT:-5433}

apt_install() {
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@"
}

command -v redis-server >/dev/null 2>&1 || apt_install redis-server
mkdir -p var/redis var/log
export FITSVC_JOB_RUNNER=celery
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/0}
# rate limits shared by every gunicorn worker (another Redis database than the job queue)
export FITSVC_RATELIMIT_STORAGE_URI=${FITSVC_RATELIMIT_STORAGE_URI:-redis://127.0.0.1:$REDIS_PORT/1}

pids=()
stop_pg() { :; }
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait || true; stop_pg; }
trap cleanup EXIT INT TERM

if [ -z "${DATABASE_URL:-}" ]; then   # PostgreSQL cluster of our own in var/pg
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$PG_BIN" ] || { apt_install postgresql; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); }
  AS=(); [ "$(id -u)" -eq 0 ] && AS=(runuser -u postgres --)   # PostgreSQL refuses root
  mkdir -p var/pg && [ "$(id -u)" -eq 0 ] && chown postgres var/pg
  [ -f var/pg/data/PG_VERSION ] || "${AS[@]}" "$PG_BIN/initdb" -D "$PWD/var/pg/data" -U fitsvc \
      -A trust -E UTF8 --locale=C >var/log/initdb.log
  "${AS[@]}" "$PG_BIN/pg_ctl" -D "$PWD/var/pg/data" -l "$PWD/var/pg/postgresql.log" -w \
      -o "-p $PG_PORT -k $PWD/var/pg -c listen_addresses=127.0.0.1" start
  stop_pg() { "${AS[@]}" "$PG_BIN/pg_ctl" -D "$PWD/var/pg/data" -m fast -w stop || true; }
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U fitsvc -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'fitsvc'" | grep -q 1 \
    || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U fitsvc fitsvc
  export DATABASE_URL="postgresql+psycopg://fitsvc@127.0.0.1:$PG_PORT/fitsvc"
fi

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$PWD/var/redis" \
  --appendonly yes --appendfsync everysec --logfile "$PWD/var/log/redis.log" &
pids+=($!)
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

"$BIN/python" -m fitsvc.wsgi   # migrate, secret key, first admin key: once, before the workers
for i in $(seq "$CELERY_WORKERS"); do
  "$BIN/celery" -A fitsvc.celery_app worker -c 1 -n "fitsvc$i@%h" --without-gossip \
    --without-mingle --loglevel=INFO --logfile "var/log/celery-$i.log" &
  pids+=($!)
done
# one beat for the whole deployment: the job sweep and the retention purge (celery_app.py)
"$BIN/celery" -A fitsvc.celery_app beat --schedule var/celerybeat-schedule --loglevel=INFO \
  --logfile var/log/celery-beat.log &
pids+=($!)
echo "fitsvc (scaled) on http://$HOST:$PORT: $WEB_WORKERS gunicorn workers, $CELERY_WORKERS" \
  "Celery workers, beat; database ${DATABASE_URL%%@*}@…"
"$BIN/gunicorn" fitsvc.wsgi:app --bind "$HOST:$PORT" --workers "$WEB_WORKERS" --threads 4 \
  --timeout 120 --access-logfile - &
pids+=($!)
wait -n
