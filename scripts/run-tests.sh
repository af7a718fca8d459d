#!/usr/bin/env bash
# Runs both test levels of zhicheng_app.
#
#   unit         python -m pytest tests/unit            (no Frappe; runs everywhere)
#   integration  <bench>/env/bin/python -m pytest tests/integration
#                (needs a bench made by scripts/bench-setup.sh whose database answers)
#
# Settings (environment variables, defaults in brackets):
#   PYTHON                 Python for the unit level                    [python3]
#   BENCH_DIR              bench directory                              [$HOME/zhicheng-bench]
#   SITE                   site the integration tests run on            [zhicheng.localhost]
#   BENCH_CLI_VENV         virtualenv holding the bench CLI             [$HOME/.local/share/zhicheng-bench-cli]
#   DB_ROOT_PASSWORD       MariaDB root password (lifecycle test)       [zhicheng-root]
#   ZHICHENG_INTEGRATION   unset: run the integration level when a bench is there, else skip it
#                          0: skip it;  1: a missing bench or database is an error
#   ZHICHENG_LIFECYCLE=0   leave out the slow install/migrate/uninstall lifecycle test
#   ZHICHENG_URL           the bench's web server for the REST tests    [http://127.0.0.1:8000]
# Exits non-zero if any level fails.
set -uo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
BENCH_DIR="${BENCH_DIR:-$HOME/zhicheng-bench}"
SITE="${SITE:-zhicheng.localhost}"
BENCH_CLI_VENV="${BENCH_CLI_VENV:-$HOME/.local/share/zhicheng-bench-cli}"
ZHICHENG_INTEGRATION="${ZHICHENG_INTEGRATION:-}"
export BENCH_DIR SITE

cd "$REPO_DIR" || exit 2

say() { printf '[run-tests] %s\n' "$*"; }

as_root() {
	if [[ "$(id -u)" -eq 0 ]]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo -n "$@"
	else
		return 1
	fi
}

# ---------------------------------------------------------------- unit level
unit_rc=0
run_unit() {
	local probe="import zhicheng_app, docxtpl, qrcode, barcode, stdnum, chinese_calendar, pytest, hypothesis"
	if ! "$PYTHON" -c "$probe" >/dev/null 2>&1; then
		say "installing the app's dependencies: $PYTHON -m pip install -e '.[test]'"
		"$PYTHON" -m pip install -q -e ".[test]" || return 1
	fi
	say "unit level: $PYTHON -m pytest tests/unit"
	"$PYTHON" -m pytest tests/unit
	local rc=$?
	if [[ $rc -eq 5 ]]; then
		say "unit level FAILED: pytest collected no tests"
	fi
	return $rc
}

# ---------------------------------------------------------------- integration level
db_alive() { mysqladmin --protocol=tcp -h 127.0.0.1 -P 3306 ping >/dev/null 2>&1; }

start_db() {
	db_alive && return 0
	command -v mysqld >/dev/null 2>&1 || [[ -x /usr/sbin/mariadbd || -x /usr/sbin/mysqld ]] || return 1
	if command -v service >/dev/null 2>&1 && [[ -x /etc/init.d/mariadb ]]; then
		as_root service mariadb start >/dev/null 2>&1
	fi
	if ! db_alive && command -v mysqld_safe >/dev/null 2>&1; then
		as_root mkdir -p /run/mysqld && as_root chown mysql:mysql /run/mysqld
		as_root setsid nohup mysqld_safe >/dev/null 2>&1 </dev/null &
	fi
	local _
	for _ in $(seq 1 30); do
		db_alive && return 0
		sleep 1
	done
	return 1
}

start_redis() {
	local conf port name
	command -v redis-server >/dev/null 2>&1 || return 1
	for conf in "$BENCH_DIR/config/redis_cache.conf" "$BENCH_DIR/config/redis_queue.conf"; do
		[[ -f "$conf" ]] || continue
		port="$(sed -n 's/^port[[:space:]]\+\([0-9]\+\).*/\1/p' "$conf" | head -n1)"
		redis-cli -p "$port" ping >/dev/null 2>&1 && continue
		name="$(basename "$conf" .conf)"
		(cd "$BENCH_DIR" && redis-server "$conf" --daemonize yes \
			--pidfile "$BENCH_DIR/config/pids/$name.pid" --logfile "$BENCH_DIR/logs/$name.log") >/dev/null || return 1
		local _
		for _ in $(seq 1 20); do
			redis-cli -p "$port" ping >/dev/null 2>&1 && break
			sleep 0.5
		done
		redis-cli -p "$port" ping >/dev/null 2>&1 || return 1
	done
}

integration_rc=0
integration_ran=0
skip_integration() {
	# Exactly one line, or an error when ZHICHENG_INTEGRATION=1.
	if [[ "$ZHICHENG_INTEGRATION" == "1" ]]; then
		say "integration level FAILED: $1 (ZHICHENG_INTEGRATION=1)"
		integration_rc=1
	else
		say "integration level skipped: $1"
	fi
}

run_integration() {
	if [[ "$ZHICHENG_INTEGRATION" == "0" ]]; then
		say "integration level skipped: ZHICHENG_INTEGRATION=0"
		return
	fi
	if [[ ! -d "$BENCH_DIR/sites/$SITE" || ! -x "$BENCH_DIR/env/bin/python" ]]; then
		skip_integration "no bench with site $SITE at $BENCH_DIR (make one with scripts/bench-setup.sh)"
		return
	fi
	local linked
	linked="$(readlink -f "$BENCH_DIR/apps/zhicheng_app" 2>/dev/null || true)"
	if [[ "$linked" != "$(readlink -f "$REPO_DIR")" ]]; then
		skip_integration "the bench at $BENCH_DIR runs zhicheng_app from ${linked:-nowhere}, not from this checkout"
		return
	fi
	if ! start_db; then
		skip_integration "the bench's MariaDB does not answer on 127.0.0.1:3306 and could not be started"
		return
	fi
	if ! start_redis; then
		skip_integration "the bench's Redis could not be started"
		return
	fi
	[[ -d "$BENCH_CLI_VENV/bin" ]] && export PATH="$BENCH_CLI_VENV/bin:$PATH"
	integration_ran=1
	say "integration level: $BENCH_DIR/env/bin/python -m pytest tests/integration (site $SITE)"
	"$BENCH_DIR/env/bin/python" -m pytest tests/integration -p no:cacheprovider
	integration_rc=$?
	if [[ $integration_rc -eq 5 ]]; then
		say "integration level FAILED: pytest collected no tests"
	fi
}

phase_start=$(date +%s)
run_unit
unit_rc=$?
say "phase unit level: $(($(date +%s) - phase_start)) s (exit $unit_rc)"
phase_start=$(date +%s)
run_integration
if [[ $integration_ran -eq 1 ]]; then
	say "phase integration level: $(($(date +%s) - phase_start)) s (exit $integration_rc)"
fi

status=0
[[ $unit_rc -eq 0 ]] || status=1
[[ $integration_rc -eq 0 ]] || status=1
exit $status
