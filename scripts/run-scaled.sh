#!/usr/bin/env bash
# `make run-scaled`: Redis, Celery job workers and gunicorn, all on loopback; Ctrl+C stops all.
# Database: DATABASE_URL when set (PostgreSQL), else the SQLite file under var/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
REDIS_PORT=${REDIS_PORT:-6379}
WEB_WORKERS=${WEB_WORKERS:-4}
CELERY_WORKERS=${CELERY_WORKERS:-2}   # worker processes, one job at a time each

if ! command -v redis-server >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server
fi
mkdir -p var/redis var/log
export FITSVC_JOB_RUNNER=celery
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/0}
# rate limits shared by every gunicorn worker (another Redis database than the job queue)
export FITSVC_RATELIMIT_STORAGE_URI=${FITSVC_RATELIMIT_STORAGE_URI:-redis://127.0.0.1:$REDIS_PORT/1}

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait || true; }
trap cleanup EXIT INT TERM

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
echo "fitsvc (scaled) on http://$HOST:$PORT: $WEB_WORKERS gunicorn workers, $CELERY_WORKERS Celery workers"
"$BIN/gunicorn" fitsvc.wsgi:app --bind "$HOST:$PORT" --workers "$WEB_WORKERS" --threads 4 \
  --timeout 120 --access-logfile - &
pids+=($!)
wait -n
