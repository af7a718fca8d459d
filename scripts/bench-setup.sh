#!/usr/bin/env bash
# One-command development bench for zhicheng_app on Debian 12 (bookworm).
#
# Installs MariaDB, Redis, LibreOffice (PDF conversion) and CJK fonts from Debian packages,
# the bench CLI and yarn 1, creates a Frappe version-15 bench with this working copy linked
# in as an app, creates and configures a site, builds assets and starts the bench on :8000.
# Safe to run again: existing pieces are kept, the site is migrated instead of re-created.
#
# Settings (environment variables, defaults in brackets):
#   BENCH_DIR         bench directory                          [$HOME/zhicheng-bench]
#   SITE              site name                                [zhicheng.localhost]
#   ADMIN_PASSWORD    site Administrator password              [admin]
#   DB_ROOT_PASSWORD  MariaDB root password (set if unset)     [zhicheng-root]
#   FRAPPE_PATH       local Frappe checkout to use instead of cloning from GitHub   []
#   FRAPPE_BRANCH     Frappe branch                            [version-15]
#   PYTHON            Python (3.10+) for the bench env        [python3]
#   BENCH_CLI_VENV    virtualenv for the bench CLI             [$HOME/.local/share/zhicheng-bench-cli]
#   WEB_PORT          web port                                 [8000]
#   SOCKETIO_PORT     socket.io (realtime) port                [9000]
#   REDIS_CACHE_PORT  Redis for cache and realtime             [13000]
#   REDIS_QUEUE_PORT  Redis for background jobs                [11000]
#   SKIP_APT=1        do not install Debian packages
#   SKIP_DEMO=1       do not load the demo data
#   SKIP_BUILD=1      do not run `bench build --force`
#   SKIP_START=1      do not start the bench processes
#   SERVE             how the web and background processes run            [development]
#                       development: `bench serve` (one process) and one `bench worker`
#                       production: as `bench setup production` serves: gunicorn
#                       (frappe.app:application --preload) and several `bench worker`
#   GUNICORN_WORKERS  gunicorn worker processes with SERVE=production     [2 x cores + 1]
#   BACKGROUND_WORKERS  `bench worker` processes with SERVE=production
#                     (background_workers in common_site_config)          [2]
set -Eeuo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_NAME="zhicheng_app"

BENCH_DIR="${BENCH_DIR:-$HOME/zhicheng-bench}"
case "$BENCH_DIR" in /*) ;; *) BENCH_DIR="$PWD/$BENCH_DIR" ;; esac
SITE="${SITE:-zhicheng.localhost}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-zhicheng-root}"
FRAPPE_PATH="${FRAPPE_PATH:-}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
PYTHON="${PYTHON:-python3}"
BENCH_CLI_VENV="${BENCH_CLI_VENV:-$HOME/.local/share/zhicheng-bench-cli}"
WEB_PORT="${WEB_PORT:-8000}"
SOCKETIO_PORT="${SOCKETIO_PORT:-9000}"
REDIS_CACHE_PORT="${REDIS_CACHE_PORT:-13000}"
REDIS_QUEUE_PORT="${REDIS_QUEUE_PORT:-11000}"
SKIP_APT="${SKIP_APT:-0}"
SKIP_DEMO="${SKIP_DEMO:-0}"
SKIP_BUILD="${SKIP_BUILD:-0}"
SKIP_START="${SKIP_START:-0}"
SERVE="${SERVE:-development}"
GUNICORN_WORKERS="${GUNICORN_WORKERS:-$((2 * $(nproc) + 1))}"
BACKGROUND_WORKERS="${BACKGROUND_WORKERS:-2}"

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1

SCRIPT_START=$(date +%s)
STAGE_NAME=""
STAGE_START=0

log() { printf '[bench-setup] %s\n' "$*"; }
die() {
	printf '[bench-setup] ERROR: %s\n' "$*" >&2
	exit 1
}
stage() {
	stage_end
	STAGE_NAME="$1"
	STAGE_START=$(date +%s)
	log "== phase $STAGE_NAME"
}
stage_end() {
	if [[ -n "$STAGE_NAME" ]]; then
		log "phase $STAGE_NAME: $(($(date +%s) - STAGE_START)) s"
	fi
	STAGE_NAME=""
}
trap 'printf "[bench-setup] FAILED in stage: %s (line %s)\n" "${STAGE_NAME:-?}" "$LINENO" >&2' ERR

if [[ "$(id -u)" -eq 0 ]]; then
	SUDO=()
elif command -v sudo >/dev/null 2>&1; then
	SUDO=(sudo)
else
	SUDO=()
fi
as_root() {
	if [[ "$(id -u)" -ne 0 && ${#SUDO[@]} -eq 0 ]]; then
		die "this step needs root: run as root or install sudo ($*)"
	fi
	"${SUDO[@]}" "$@"
}

# ---------------------------------------------------------------- system packages
install_system_packages() {
	local pkgs=(
		git curl ca-certificates build-essential pkg-config cron python3-dev
		mariadb-server mariadb-client redis-server
		libreoffice-writer-nogui fonts-noto-cjk wkhtmltopdf
		chromium # the browser tests: Playwright (the app's test extra) drives Debian's Chromium
	)
	command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
	command -v npm >/dev/null 2>&1 || pkgs+=(npm)
	if ! "$PYTHON" -m venv --help >/dev/null 2>&1; then
		pkgs+=(python3-venv python3-dev python3-pip)
	fi
	local missing=()
	local p
	for p in "${pkgs[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	if [[ ${#missing[@]} -eq 0 ]]; then
		log "Debian packages already installed"
		return
	fi
	log "installing: ${missing[*]}"
	as_root apt-get update -qq
	as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------- MariaDB
mariadb_alive() { mysqladmin --protocol=tcp -h 127.0.0.1 -P 3306 ping >/dev/null 2>&1; }

configure_mariadb() {
	local conf_dir=/etc/mysql/mariadb.conf.d
	[[ -d "$conf_dir" ]] || conf_dir=/etc/mysql/conf.d
	local conf="$conf_dir/99-frappe.cnf"
	local want
	want="$(
		cat <<-'EOF'
			# Frappe needs utf8mb4 everywhere.
			[mysqld]
			character-set-client-handshake = FALSE
			character-set-server = utf8mb4
			collation-server = utf8mb4_unicode_ci
			bind-address = 127.0.0.1

			[mysql]
			default-character-set = utf8mb4
		EOF
	)"
	if [[ -f "$conf" ]] && [[ "$(cat "$conf")" == "$want" ]]; then
		log "MariaDB configuration present: $conf"
		return 1
	fi
	log "writing $conf"
	printf '%s\n' "$want" | as_root tee "$conf" >/dev/null
	return 0
}

start_mariadb() {
	if mariadb_alive; then
		return
	fi
	log "starting MariaDB"
	if command -v service >/dev/null 2>&1 && [[ -x /etc/init.d/mariadb ]]; then
		as_root service mariadb start >/dev/null 2>&1 || true
	fi
	if ! mariadb_alive; then
		as_root mkdir -p /run/mysqld
		as_root chown mysql:mysql /run/mysqld
		as_root setsid nohup mysqld_safe >/dev/null 2>&1 </dev/null &
	fi
	local _
	for _ in $(seq 1 60); do
		mariadb_alive && return
		sleep 1
	done
	die "MariaDB did not start (see /var/log/mysql or journal)"
}

restart_mariadb() {
	if ! mariadb_alive; then
		start_mariadb
		return
	fi
	log "restarting MariaDB to apply the configuration"
	if command -v service >/dev/null 2>&1 && [[ -x /etc/init.d/mariadb ]]; then
		as_root service mariadb restart >/dev/null 2>&1 || true
	else
		as_root mysqladmin shutdown || true
	fi
	sleep 1
	start_mariadb
}

root_password_works() {
	MYSQL_PWD="$DB_ROOT_PASSWORD" mariadb --protocol=tcp -h 127.0.0.1 -P 3306 -u root -e "SELECT 1" >/dev/null 2>&1
}

set_root_password() {
	if root_password_works; then
		log "MariaDB root password works over TCP"
		return
	fi
	log "setting the MariaDB root password (socket authentication for the OS root stays)"
	local sql_pw="${DB_ROOT_PASSWORD//\\/\\\\}"
	sql_pw="${sql_pw//\'/\\\'}"
	as_root mariadb -u root <<-SQL || die "cannot reach MariaDB as root through the socket; set DB_ROOT_PASSWORD to the existing root password"
		ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('${sql_pw}');
		CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '${sql_pw}';
		ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '${sql_pw}';
		GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
		FLUSH PRIVILEGES;
	SQL
	root_password_works || die "MariaDB root password still rejected over TCP 127.0.0.1"
}

# ---------------------------------------------------------------- bench CLI and yarn
install_bench_cli() {
	if [[ ! -x "$BENCH_CLI_VENV/bin/bench" ]]; then
		log "installing the bench CLI into $BENCH_CLI_VENV"
		"$PYTHON" -m venv "$BENCH_CLI_VENV"
		"$BENCH_CLI_VENV/bin/pip" install -q --upgrade pip
		"$BENCH_CLI_VENV/bin/pip" install -q frappe-bench
	else
		log "bench CLI present: $("$BENCH_CLI_VENV/bin/bench" --version 2>/dev/null || echo '?')"
	fi
	export PATH="$BENCH_CLI_VENV/bin:$PATH"
}

install_yarn() {
	if command -v yarn >/dev/null 2>&1 && [[ "$(yarn --version 2>/dev/null)" == 1.* ]]; then
		log "yarn $(yarn --version) present"
		return
	fi
	log "installing yarn 1 (classic)"
	if [[ "$(id -u)" -eq 0 ]]; then
		npm install -g --silent yarn@1
	elif [[ ${#SUDO[@]} -gt 0 ]]; then
		as_root npm install -g --silent yarn@1
	else
		npm install -g --silent --prefix "$HOME/.local" yarn@1
		export PATH="$HOME/.local/bin:$PATH"
	fi
	[[ "$(yarn --version)" == 1.* ]] || die "yarn 1.x is required, found $(yarn --version)"
}

# ---------------------------------------------------------------- bench
bench_init() {
	if [[ -d "$BENCH_DIR/apps/frappe" && -x "$BENCH_DIR/env/bin/python" ]]; then
		log "bench exists: $BENCH_DIR"
		return
	fi
	if [[ -e "$BENCH_DIR" ]]; then
		die "$BENCH_DIR exists but is not a complete bench (no apps/frappe or env); remove it and run again"
	fi
	local args=(init "$BENCH_DIR" --frappe-branch "$FRAPPE_BRANCH" --python "$PYTHON" --skip-assets --no-backups)
	if [[ -n "$FRAPPE_PATH" ]]; then
		args+=(--frappe-path "$FRAPPE_PATH")
	fi
	log "bench ${args[*]}"
	mkdir -p "$(dirname "$BENCH_DIR")"
	local workdir
	workdir="$(mktemp -d)"
	if [[ "$(id -u)" -eq 0 ]]; then
		# As root, bench refuses to run unless ./sites/common_site_config.json names a frappe_user;
		# give `bench init` a working directory that has one (the new bench gets its own below).
		mkdir -p "$workdir/sites"
		printf '{"frappe_user": "%s"}\n' "$(id -un)" >"$workdir/sites/common_site_config.json"
	fi
	(cd "$workdir" && bench "${args[@]}")
	rm -rf "$workdir"
	[[ -x "$BENCH_DIR/env/bin/python" && -d "$BENCH_DIR/apps/frappe" ]] || die "bench init did not complete"
}

# bench refuses to run as root inside a bench unless frappe_user is set.
set_common_config() {
	"$BENCH_DIR/env/bin/python" - "$BENCH_DIR/sites/common_site_config.json" "$@" <<-'PY'
		import json, sys
		path, pairs = sys.argv[1], sys.argv[2:]
		try:
		    with open(path) as f:
		        conf = json.load(f)
		except FileNotFoundError:
		    conf = {}
		changed = False
		for pair in pairs:
		    key, _, raw = pair.partition("=")
		    try:
		        value = json.loads(raw)
		    except ValueError:
		        value = raw
		    if conf.get(key) != value:
		        conf[key] = value
		        changed = True
		if changed:
		    with open(path, "w") as f:
		        json.dump(conf, f, indent=1, sort_keys=True)
	PY
}

bench_env_tweaks() {
	set_common_config "frappe_user=$(id -un)" "webserver_port=$WEB_PORT" "developer_mode=0" \
		"socketio_port=$SOCKETIO_PORT" \
		"redis_cache=redis://127.0.0.1:$REDIS_CACHE_PORT" \
		"redis_socketio=redis://127.0.0.1:$REDIS_CACHE_PORT" \
		"redis_queue=redis://127.0.0.1:$REDIS_QUEUE_PORT"
	# the Redis configuration files and the Procfile carry the ports: regenerate them from the config
	(cd "$BENCH_DIR" && bench setup redis && rm -f Procfile && bench setup procfile) >/dev/null </dev/null
	log "pinning setuptools<81 in the bench env"
	"$BENCH_DIR/env/bin/pip" install -q "setuptools<81"
}

link_app() {
	local link="$BENCH_DIR/apps/$APP_NAME"
	if [[ -L "$link" ]]; then
		[[ "$(readlink -f "$link")" == "$(readlink -f "$REPO_DIR")" ]] ||
			die "$link points to $(readlink -f "$link"), not to $REPO_DIR"
	elif [[ -e "$link" ]]; then
		die "$link exists and is not a link to this working copy"
	else
		log "linking $link -> $REPO_DIR"
		ln -s "$REPO_DIR" "$link"
	fi
	log "pip install -e ${APP_NAME}[test] into the bench env"
	"$BENCH_DIR/env/bin/pip" install -q -e "${link}[test]"
	grep -qx "$APP_NAME" "$BENCH_DIR/sites/apps.txt" || {
		# apps.txt may lack a trailing newline
		[[ -z "$(tail -c1 "$BENCH_DIR/sites/apps.txt")" ]] || echo >>"$BENCH_DIR/sites/apps.txt"
		echo "$APP_NAME" >>"$BENCH_DIR/sites/apps.txt"
	}
}

redis_port() { sed -n 's/^port[[:space:]]\+\([0-9]\+\).*/\1/p' "$1" | head -n1; }

start_redis() {
	local conf port
	for conf in "$BENCH_DIR/config/redis_cache.conf" "$BENCH_DIR/config/redis_queue.conf"; do
		[[ -f "$conf" ]] || continue
		port="$(redis_port "$conf")"
		if redis-cli -p "$port" ping >/dev/null 2>&1; then
			continue
		fi
		log "starting redis on :$port ($conf)"
		(cd "$BENCH_DIR" && redis-server "$conf" --daemonize yes \
			--pidfile "$BENCH_DIR/config/pids/$(basename "$conf" .conf).pid" \
			--logfile "$BENCH_DIR/logs/$(basename "$conf" .conf).log")
		local _
		for _ in $(seq 1 20); do
			redis-cli -p "$port" ping >/dev/null 2>&1 && break
			sleep 0.5
		done
	done
}

bench_site() { (cd "$BENCH_DIR" && bench --site "$SITE" "$@"); }

site_python() {
	# Runs Python with Frappe connected to the site; the script is read from stdin.
	(cd "$BENCH_DIR/sites" && ZC_SITE="$SITE" "$BENCH_DIR/env/bin/python" -)
}

create_or_migrate_site() {
	if [[ -f "$BENCH_DIR/sites/$SITE/site_config.json" ]]; then
		log "site $SITE exists"
		if ! (cd "$BENCH_DIR" && bench --site "$SITE" list-apps -f json 2>/dev/null) | grep -q "\"$APP_NAME\""; then
			bench_site install-app "$APP_NAME"
		fi
		log "bench --site $SITE migrate"
		bench_site migrate
	else
		log "bench new-site $SITE"
		(cd "$BENCH_DIR" && bench new-site "$SITE" \
			--admin-password "$ADMIN_PASSWORD" \
			--db-root-username root \
			--db-root-password "$DB_ROOT_PASSWORD" \
			--no-mariadb-socket)
		log "bench --site $SITE install-app $APP_NAME"
		bench_site install-app "$APP_NAME"
	fi
	(cd "$BENCH_DIR" && bench use "$SITE")
}

configure_site() {
	log "site settings: language zh, time zone Asia/Shanghai, setup complete, scheduler on"
	site_python <<-'PY'
		import os

		import frappe

		frappe.init(site=os.environ["ZC_SITE"], sites_path=".")
		frappe.connect()
		frappe.set_user("Administrator")
		try:
		    from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

		    if not frappe.db.get_single_value("System Settings", "setup_complete"):
		        lang_name = frappe.db.get_value("Language", "zh", "language_name") or "zh"
		        setup_complete(
		            {
		                "language": lang_name,
		                "lang": "zh",
		                "country": "China",
		                "timezone": "Asia/Shanghai",
		                "currency": "CNY",
		            }
		        )
		    ss = frappe.get_doc("System Settings")
		    changed = False
		    for field, value in (("language", "zh"), ("time_zone", "Asia/Shanghai"), ("country", "China")):
		        if ss.get(field) != value:
		            ss.set(field, value)
		            changed = True
		    for field in ("enable_scheduler", "setup_complete"):
		        if not ss.get(field):
		            ss.set(field, 1)
		            changed = True
		    if changed:
		        ss.flags.ignore_mandatory = True
		        ss.save()
		    frappe.db.set_default("lang", "zh")
		    frappe.db.commit()
		    print(
		        "[bench-setup] System Settings: language=%s time_zone=%s scheduler=%s setup_complete=%s"
		        % (ss.language, ss.time_zone, ss.enable_scheduler, ss.setup_complete)
		    )
		finally:
		    frappe.destroy()
	PY
	bench_site set-config developer_mode 0
	bench_site enable-scheduler
	bench_site clear-cache
}

load_demo() {
	if [[ "$SKIP_DEMO" == "1" ]]; then
		log "SKIP_DEMO=1: demo data not loaded"
		return
	fi
	log "bench --site $SITE execute $APP_NAME.demo.load"
	bench_site execute "$APP_NAME.demo.load"
}

build_assets() {
	if [[ "$SKIP_BUILD" == "1" ]]; then
		log "SKIP_BUILD=1: assets not built"
		return
	fi
	log "bench build --force"
	(cd "$BENCH_DIR" && bench build --force)
}

# gunicorn (SERVE=production) picks the site by the request's host, as behind a proxy: name it
ping_ok() {
	curl -fsS -m 5 -H "X-Frappe-Site-Name: $SITE" "http://127.0.0.1:$WEB_PORT/api/method/ping" 2>/dev/null | grep -q pong
}

# SERVE=production: the web line of Procfile.zhicheng becomes gunicorn with the command line of
# bench's supervisor template (its default max-requests and jitter, 120 s timeout); honcho then
# runs BACKGROUND_WORKERS copies of the worker line (each consumes every queue).
production_processes() {
	local max_requests=5000
	[[ "$GUNICORN_WORKERS" -gt 1 ]] || max_requests=0
	set_common_config "gunicorn_workers=$GUNICORN_WORKERS" "background_workers=$BACKGROUND_WORKERS"
	local web="web: cd sites && exec ../env/bin/gunicorn -b 127.0.0.1:$WEB_PORT -w $GUNICORN_WORKERS"
	web+=" --max-requests $max_requests --max-requests-jitter $((max_requests / 10)) -t 120 --graceful-timeout 30"
	web+=" frappe.app:application --preload"
	local procfile="$BENCH_DIR/Procfile.zhicheng"
	{
		grep -v '^web:' "$procfile"
		printf '%s\n' "$web"
	} >"$procfile.new"
	mv "$procfile.new" "$procfile"
	log "SERVE=production: gunicorn with $GUNICORN_WORKERS workers, $BACKGROUND_WORKERS background workers"
}

start_bench() {
	if [[ "$SKIP_START" == "1" ]]; then
		log "SKIP_START=1: bench not started"
		return
	fi
	local pidfile="$BENCH_DIR/logs/zhicheng-processes.pid"
	if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
		# Started by an earlier run: restart so the workers load the migrated code.
		log "restarting: stopping process group $(cat "$pidfile")"
		kill -- "-$(cat "$pidfile")" 2>/dev/null || true
		local _
		for _ in $(seq 1 30); do
			kill -0 "$(cat "$pidfile")" 2>/dev/null || ping_ok || break
			sleep 1
		done
	elif ping_ok; then
		log "something not started by this script already answers on :$WEB_PORT; left alone"
		return
	fi
	# Redis runs as daemons (started above); honcho runs the rest of the Procfile, because honcho
	# stops every process as soon as one exits (a second redis on a busy port would exit).
	grep -v -E '^(redis_cache|redis_queue|watch):' "$BENCH_DIR/Procfile" >"$BENCH_DIR/Procfile.zhicheng"
	local concurrency=()
	# development: DEV_SERVER as `bench start` sets it, so the desk's realtime client connects to the
	# socket.io server on its own port (SOCKETIO_PORT); in production a proxy serves /socket.io on
	# the web port (`bench setup production` writes its nginx configuration)
	local dev_server=true
	if [[ "$SERVE" == "production" ]]; then
		production_processes
		concurrency=(-c "worker=$BACKGROUND_WORKERS")
		dev_server=false # not empty: Frappe reads DEV_SERVER as a number when it is set
	fi
	log "starting web/socketio/schedule/worker (logs: $BENCH_DIR/logs/bench-start.log)"
	(
		cd "$BENCH_DIR"
		DEV_SERVER="$dev_server" setsid nohup honcho -f Procfile.zhicheng start "${concurrency[@]}" \
			>>"$BENCH_DIR/logs/bench-start.log" 2>&1 </dev/null &
		echo $! >"$pidfile"
	)
	local _
	for _ in $(seq 1 120); do
		if ping_ok; then
			log "http://127.0.0.1:$WEB_PORT/api/method/ping answers (process group $(cat "$pidfile"))"
			return
		fi
		sleep 1
	done
	tail -n 30 "$BENCH_DIR/logs/bench-start.log" >&2 || true
	die "the bench did not answer on :$WEB_PORT within 120 s"
}

add_hosts_entry() {
	if grep -qE "[[:space:]]$SITE([[:space:]]|\$)" /etc/hosts 2>/dev/null; then
		return
	fi
	if [[ -w /etc/hosts ]]; then
		echo "127.0.0.1 $SITE" >>/etc/hosts
	fi
}

main() {
	case "$SERVE" in
	development | production) ;;
	*) die "SERVE must be development or production, not '$SERVE'" ;;
	esac
	log "working copy: $REPO_DIR; bench: $BENCH_DIR; site: $SITE"
	stage "packages"
	if [[ "$SKIP_APT" != "1" ]]; then
		install_system_packages
	fi
	command -v mariadb >/dev/null 2>&1 || die "MariaDB client not installed"
	command -v redis-server >/dev/null 2>&1 || die "redis-server not installed"
	if configure_mariadb; then
		restart_mariadb
	else
		start_mariadb
	fi
	set_root_password
	install_bench_cli
	install_yarn

	stage "bench"
	bench_init
	bench_env_tweaks
	link_app

	stage "site"
	start_redis
	create_or_migrate_site
	configure_site
	add_hosts_entry

	stage "demo"
	load_demo

	stage "assets"
	build_assets

	stage "start"
	start_bench
	stage_end

	log "ready in $(($(date +%s) - SCRIPT_START)) s: http://127.0.0.1:$WEB_PORT (Administrator / $ADMIN_PASSWORD)"
	log "stop: kill -- -\$(cat $BENCH_DIR/logs/zhicheng-processes.pid)"
}

main "$@"
