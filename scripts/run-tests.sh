#!/usr/bin/env bash
# Runs both test levels of zhicheng_app.
#
#   unit         python -m pytest tests/unit            (no Frappe; runs everywhere)
#                then the same tests on the rules engine's other form, in a temporary copy: the
#                mypyc-compiled engine (ZHICHENG_COMPILE_RULES=1, see setup.py) when the checkout
#                runs plain Python, else plain Python; one line says so when it cannot be built
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
#   ZHICHENG_OTHER_FORM=0  leave out the unit tests on the engine's other form
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

# ---------------------------------------------------------------- the engine's other form
other_form_rc=0
run_other_form() {
	[[ "${ZHICHENG_OTHER_FORM:-1}" == "0" ]] && { say "other form skipped: ZHICHENG_OTHER_FORM=0"; return 0; }
	local compiled tmp
	compiled="$("$PYTHON" -c 'import zhicheng_app.rules.precheck, zhicheng_app.rules as r; print(len(r.compiled_modules()))' 2>/dev/null)"
	tmp="$(mktemp -d)"
	# sources only: no compiled modules, build output or caches
	tar -C "$REPO_DIR" --exclude='*.so' --exclude='*.pyd' --exclude=build --exclude='__pycache__' \
		--exclude='.pytest_cache' --exclude='.hypothesis' --exclude='.mypy_cache' \
		-cf - zhicheng_app tests setup.py pyproject.toml README.md | tar -C "$tmp" -xf -
	if [[ "${compiled:-0}" != "0" ]]; then
		say "unit level, plain-Python engine (the checkout runs the compiled one): pytest tests/unit in a copy"
	else
		if ! "$PYTHON" -c "import mypyc" >/dev/null 2>&1; then
			"$PYTHON" -m pip install -q "mypy>=1.13,<3" >/dev/null 2>&1
		fi
		say "building the compiled engine in a copy: ZHICHENG_COMPILE_RULES=1 setup.py build_ext --inplace"
		if ! (cd "$tmp" && ZHICHENG_COMPILE_RULES=1 "$PYTHON" setup.py -q build_ext --inplace >build.log 2>&1); then
			say "compiled form skipped: the build failed (a C compiler, Python headers and mypy are needed); $(grep -m1 -i error "$tmp/build.log")"
			rm -rf "$tmp"
			return 0
		fi
		say "unit level, compiled engine: pytest tests/unit in the copy"
	fi
	(cd "$tmp" && "$PYTHON" -m pytest tests/unit -q -p no:cacheprovider)
	local rc=$?
	rm -rf "$tmp"
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

run_unit
unit_rc=$?
run_other_form
other_form_rc=$?
run_integration

status=0
[[ $unit_rc -eq 0 ]] || status=1
[[ $other_form_rc -eq 0 ]] || status=1
[[ $integration_rc -eq 0 ]] || status=1
if [[ $integration_ran -eq 1 ]]; then
	say "unit level exit $unit_rc (other form $other_form_rc); integration level exit $integration_rc"
else
	say "unit level exit $unit_rc (other form $other_form_rc)"
fi
exit $status
