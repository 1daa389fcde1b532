#!/usr/bin/env bash
# Installs (once) and starts a real Redmine for Stint's backend tests, on loopback.
#
#   bash tests/servers/redmine.sh [PORT]          default port 3300
#   bash tests/servers/redmine.sh --stop [PORT]   stop the server this script started
#
# Needs root on Debian 12 (apt). Idempotent: a second run reuses the install, the
# test data and a server already answering on PORT. When it is done it writes the
# facts tests need (url, api keys, ids) as JSON to $STINT_REDMINE_FACTS (default
# /var/tmp/stint-redmine/facts-PORT.json), prints that JSON as its last line of
# stdout, and exits 0. Exit 3 means "Redmine cannot be had on this machine" (not
# root, no apt, not Debian); any other non-zero exit is a failed install or start.
# Everything the scripts say goes to stderr; the log of the install is in the
# state directory.
#
# What it relies on was observed with Debian 12's redmine 5.0.x.
set -euo pipefail

stop=0
if [ "${1:-}" = "--stop" ]; then stop=1; shift; fi
port="${1:-3300}"
case "$port" in *[!0-9]*|"") echo "redmine.sh: bad port: $port" >&2; exit 2;; esac

state=/var/tmp/stint-redmine
facts="${STINT_REDMINE_FACTS:-$state/facts-$port.json}"
pidfile="$state/thin-$port.pid"
log="$state/thin-$port.log"
url="http://127.0.0.1:$port"
share=/usr/share/redmine
started=$SECONDS

say() { echo "redmine.sh: $*" >&2; }
cannot() { say "cannot run Redmine here: $*"; exit 3; }

# Debian 12's Ruby security update ships bundler 2.3.27, with which Redmine's
# maintainer scripts cannot find their gems; Debian's patched 2.3.15 can. Every
# apt/dpkg run that may configure redmine and every Redmine command needs this.
export BUNDLER_VERSION=2.3.15
export DEBIAN_FRONTEND=noninteractive
export REDMINE_INSTANCE=default RAILS_ENV=production

# Runs a command as www-data, in Redmine's directory, with Redmine's environment
# (HOME is where bundler and bootsnap may write).
as_redmine() {
  (cd "$share" && runuser -u www-data -- env REDMINE_INSTANCE=default RAILS_ENV=production \
    BUNDLER_VERSION=2.3.15 HOME=/var/cache/redmine/default "$@")
}

server_pid() {
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

if [ "$stop" = 1 ]; then
  mkdir -p "$state"
  exec 9>"$state/script.lock"
  flock -w 60 9 || { say "could not take the lock to stop"; exit 1; }
  if pid=$(server_pid); then
    kill "$pid"
    # Return once it is gone, so that a start right after finds the port free.
    deadline=$((SECONDS + 15))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    say "stopped thin (pid $pid)"
  fi
  rm -f "$pidfile"
  exit 0
fi

# --- can this machine have it? -------------------------------------------------------
[ "$(id -u)" -eq 0 ] || cannot "not root (apt-get and www-data need it)"
command -v apt-get >/dev/null 2>&1 || cannot "no apt-get"
[ -r /etc/debian_version ] || cannot "not Debian"
case "$(cat /etc/debian_version)" in
  12*|bookworm*) ;;
  *) say "warning: tested on Debian 12 only, this is $(cat /etc/debian_version)";;
esac
mkdir -p "$state"
install_log="$state/install.log"
# Two test sessions at once (developers running suites side by side) take turns.
exec 9>"$state/script.lock"
flock -w 600 9 || { say "another redmine.sh held its lock for 10 minutes"; exit 1; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# --- install -------------------------------------------------------------------------
if ! installed redmine || ! installed redmine-sqlite || ! installed thin; then
  say "installing redmine, redmine-sqlite and thin (log: $install_log)"
  # dbconfig-common asks which database to use; sqlite3 needs no server.
  debconf-set-selections <<'EOF'
redmine redmine/current-instances string default
redmine redmine/instances/default/dbconfig-install boolean true
redmine redmine/instances/default/database-type select sqlite3
redmine redmine/instances/default/default-language select en
redmine redmine/instances/default/db/dbname string redmine_default
redmine redmine/instances/default/db/basepath string /var/lib/dbconfig-common/sqlite3/redmine/instances/default
EOF
  # A run killed half-way leaves packages unconfigured; finish them first.
  dpkg --configure -a >>"$install_log" 2>&1 || true
  if ! apt-cache show redmine >/dev/null 2>&1 \
      || [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null)" ]; then
    apt-get update -qq >>"$install_log" 2>&1 || { say "apt-get update failed"; tail -5 "$install_log" >&2; exit 1; }
  fi
  if ! apt-get install -y -qq --no-install-recommends redmine redmine-sqlite thin \
      >>"$install_log" 2>&1; then
    say "apt-get install failed; finishing with dpkg --configure -a"
    dpkg --configure -a >>"$install_log" 2>&1 \
      || { say "install failed"; tail -20 "$install_log" >&2; exit 1; }
  fi
fi
for package in redmine redmine-sqlite thin; do
  dpkg-query -W "$package" >/dev/null 2>&1 \
    || { say "$package is not installed; see $install_log"; tail -5 "$install_log" >&2; exit 1; }
done
# Half-configured from an earlier run (the bundler gotcha above)?
if dpkg-query -W -f='${Status}' redmine 2>/dev/null | grep -qv "install ok installed"; then
  dpkg --configure -a >>"$install_log" 2>&1 || { say "dpkg --configure -a failed"; exit 1; }
fi
# An apt run that triggered redmine without BUNDLER_VERSION deletes Gemfile.lock.
if [ ! -e /var/lib/redmine/Gemfile.lock ] && [ ! -e "$share/Gemfile.lock" ]; then
  say "Gemfile.lock missing: bundle install --local"
  (cd "$share" && bundle install --local >>"$install_log" 2>&1 && chown www-data:www-data /var/lib/redmine/Gemfile.lock) \
    || { say "bundle install --local failed"; exit 1; }
fi
say "installed ($((SECONDS - started)) s)"


# --- start ---------------------------------------------------------------------------
answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" "${@:2}" 2>/dev/null)" = 200 ]; }

wait_until_up() {
  local deadline=$((SECONDS + 90))
  until answers "$url/"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "no HTTP 200 from $url within 90 s"; tail -20 "$log" >&2 2>/dev/null; exit 1
    fi
    if [ -s "$pidfile" ] && ! server_pid >/dev/null; then
      say "thin exited"; tail -20 "$log" >&2 2>/dev/null; exit 1
    fi
    sleep 0.3
  done
}

# A thin of ours whose pid file is gone (a start that raced an older version of this
# script, whose loser removed the file on exit) is adopted rather than fought.
if ! server_pid >/dev/null; then
  orphan=$(pgrep -u www-data -x -f "thin server \(127\.0\.0\.1:$port\)" | head -1 || true)
  if [ -n "$orphan" ]; then
    echo "$orphan" >"$pidfile"
    say "adopting thin (pid $orphan) on port $port"
  fi
fi

if server_pid >/dev/null && answers "$url/"; then
  say "already running on $url (pid $(server_pid))"
else
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "something else listens on port $port; choose another port"; exit 1
  fi
  rm -f "$pidfile"
  chown www-data "$state"
  # -d: thin forks into the background and writes its pid file. It boots while the
  # test data is made below: both spend seconds loading Rails.
  as_redmine bundle exec thin start -a 127.0.0.1 -p "$port" -e production -R config.ru \
    -d -P "$pidfile" -l "$log" >>"$install_log" 2>&1 \
    || { say "thin did not start"; tail -20 "$log" >&2 2>/dev/null; exit 1; }
fi

# --- test data -------------------------------------------------------------------------
# Facts from an earlier run still hold if the server takes their key (a reinstall
# makes a new database, and then they are made again).
reuse=0
if [ -s "$facts" ]; then
  wait_until_up
  key=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["api_key"])' "$facts" 2>/dev/null || true)
  if [ -n "$key" ] && answers "$url/users/current.json" -H "X-Redmine-API-Key: $key"; then
    reuse=1
  fi
fi

if [ "$reuse" = 0 ]; then
  say "creating the test users, project and issues"
  work=$(mktemp -d)
  chmod 0755 "$work"
  cat >"$work/setup.rb" <<'RUBY'
# Idempotent: finds what an earlier run made and completes it.
require "json"
require "securerandom"

Setting.rest_api_enabled = "1"

def person(login, first, last)
  user = User.find_by_login(login) || User.new
  if user.new_record?
    user.login = login
    user.firstname, user.lastname = first, last
    user.mail = "#{login}@example.test"
    user.password = user.password_confirmation = SecureRandom.hex(12)
  end
  user.status = User::STATUS_ACTIVE
  user.must_change_passwd = false
  user.save!
  user
end

admin = User.find_by_login("admin")
admin.update_columns(must_change_passwd: false)
me = person("stint", "Stint", "Tester")
other = person("stint-other", "Other", "Person")

# The stock Developer role may log time but not edit it (PUT -> 403).
developer = Role.find_by_name("Developer") or raise "no Developer role (default data not loaded?)"
developer.add_permission!(:edit_own_time_entries) unless developer.permissions.include?(:edit_own_time_entries)

project = Project.find_by_identifier("stint-test") || Project.new(name: "Stint test", identifier: "stint-test")
project.enabled_module_names = %w[issue_tracking time_tracking]
project.trackers = Tracker.sorted.to_a
project.save!
[me, other].each do |user|
  next if Member.where(project_id: project.id, user_id: user.id).exists?
  Member.create!(principal: user, project: project, role_ids: [developer.id])
end
project.reload

tracker = project.trackers.first
priority = IssuePriority.default || IssuePriority.active.first
issues = (1..7).map do |n|
  subject = "Seed issue #{n}"
  Issue.find_by(project_id: project.id, subject: subject) || Issue.create!(
    project: project, tracker: tracker, subject: subject, author: me, assigned_to: me,
    priority: priority, status: tracker.default_status, description: "Made by redmine.sh"
  )
end

File.write(ARGV[0], JSON.generate(
  redmine_version: Redmine::VERSION.to_s,
  api_key: me.api_key, user_id: me.id, login: me.login,
  other_api_key: other.api_key, other_user_id: other.id, other_login: other.login,
  admin_api_key: admin.api_key, admin_id: admin.id,
  project_id: project.id, project_identifier: project.identifier,
  tracker_ids: project.trackers.map(&:id),
  issue_ids: issues.map(&:id),
  activities: TimeEntryActivity.shared.active.sorted.map { |a| {id: a.id, name: a.name, is_default: a.is_default} },
  statuses: IssueStatus.sorted.map { |s| {id: s.id, name: s.name, is_closed: s.is_closed} },
))
RUBY
  chown www-data "$work"
  as_redmine bundle exec rails runner -e production "$work/setup.rb" "$work/data.json" \
    >>"$install_log" 2>&1 || { say "rails runner failed"; tail -20 "$install_log" >&2; exit 1; }
  wait_until_up
  python3 - "$work/data.json" "$facts" "$url" "$port" "$pidfile" "$log" <<'PY'
import json, os, sys
data_path, path, url, port, pidfile, log = sys.argv[1:]
with open(data_path) as f:
    data = json.load(f)
data.update(url=url, port=int(port), pidfile=pidfile, log=log,
            redmine_dir="/usr/share/redmine")
tmp = path + ".tmp"
with open(tmp, "w") as f:
    json.dump(data, f, indent=1)
# Test credentials of a loopback server: readable, so tests may run as another user.
os.chmod(tmp, 0o644)
os.replace(tmp, path)
PY
  rm -rf "$work"
fi

say "ready in $((SECONDS - started)) s on $url; facts in $facts"
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$facts"
