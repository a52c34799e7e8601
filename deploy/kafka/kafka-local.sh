#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, combined broker+controller) built only
# from jars on Maven Central. Usage:
#   bash deploy/kafka/kafka-local.sh start|stop|status|restart|wipe|smoke|logs|acls|run|health
# Everything it creates lives under deploy/kafka/.runtime/ (gitignored; KAFKA_RUNTIME_DIR moves it, the jars stay).
# In a container (docker-compose.yml runs it in the apache/kafka image): KAFKA_JARS_DIR=/opt/kafka/libs uses the
# image's jars instead of Maven, KAFKA_LISTEN_HOST=0.0.0.0 / KAFKA_ADVERTISED_HOST=kafka set the client listener,
# `run` formats if needed and then execs the broker in the foreground (the container's PID 1 is Kafka), `health`
# asks the broker for its API versions (as admin in secure mode) and `acls` applies the ACLs from another host
# (KAFKA_BOOTSTRAP=kafka:9092). Unset, everything behaves as before: 127.0.0.1, Maven jars, `start` detaches.
# KAFKA_SECURE=1 starts it authenticated (SASL/SCRAM-SHA-512) with ACLs: one principal per service, which writes
# only its own topics, and an auditor that reads everything and writes nothing (see "secure mode" below).
# See deploy/kafka/README.md.
set -euo pipefail

# Pinned broker version (why this one: see README.md). Override with env KAFKA_VERSION.
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"

KAFKA_HOST="127.0.0.1"                                    # the controller listener and local checks
KAFKA_LISTEN_HOST="${KAFKA_LISTEN_HOST:-$KAFKA_HOST}"        # where the client listener binds
KAFKA_ADVERTISED_HOST="${KAFKA_ADVERTISED_HOST:-$KAFKA_HOST}" # the host clients are told to connect to
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
TEMURIN_JDK="/usr/lib/jvm/temurin-25-jdk-amd64"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
RUNTIME="${KAFKA_RUNTIME_DIR:-$SCRIPT_DIR/.runtime}"
KAFKA_JARS_DIR="${KAFKA_JARS_DIR:-}"   # jars already on the machine (a Kafka distribution's libs/): no Maven
JARS_DIR="${KAFKA_JARS_DIR:-$SCRIPT_DIR/.runtime/jars/$KAFKA_VERSION}"
KAFKA_SECURE="${KAFKA_SECURE:-0}"
# Secure mode: a file of "principal=password" lines (admin, registration, credit-supervision, evaluation,
# service-purchasing, auditor), or without the file one variable per principal, KAFKA_SCRAM_PASSWORD_<PRINCIPAL>
# (upper case, - as _: KAFKA_SCRAM_PASSWORD_ADMIN, ..._CREDIT_SUPERVISION); there are no default passwords.
KAFKA_SCRAM_USERS_FILE="${KAFKA_SCRAM_USERS_FILE:-}"
DATA_DIR="$RUNTIME/data"
LOG_DIR="$RUNTIME/logs"
CONF_DIR="$RUNTIME/config"
PID_FILE="$RUNTIME/kafka.pid"
LOCK_DIR="$RUNTIME/.lock"
SERVER_PROPS="$CONF_DIR/server.properties"
LOG4J2_XML="$CONF_DIR/log4j2.xml"
LOG4J2_TOOLS_XML="$CONF_DIR/log4j2-tools.xml"
LOG4J2_CONSOLE_XML="$CONF_DIR/log4j2-console.xml"
SERVER_LOG="$LOG_DIR/server.log"
STDOUT_LOG="$LOG_DIR/kafka.out"
BOOTSTRAP="${KAFKA_BOOTSTRAP:-$KAFKA_HOST:$KAFKA_PORT}"   # what acls, health and smoke connect to

log() { echo "[kafka-local] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- java ------
java_major() { # $1 = java binary; prints the major version (8, 11, 17, 25...)
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)"
  v="${v#1.}"
  echo "${v%%.*}"
}

find_java() {
  local c m
  for c in "$(command -v java 2>/dev/null || true)" \
           "${JAVA_HOME:+$JAVA_HOME/bin/java}" \
           "$TEMURIN_JDK/bin/java"; do
    [[ -n "$c" && -x "$c" ]] || continue
    m="$(java_major "$c" 2>/dev/null || true)"
    if [[ "$m" =~ ^[0-9]+$ ]] && (( m >= 17 )); then
      JAVA_BIN="$c"
      return 0
    fi
  done
  die "no Java >= 17 found (tried java on PATH, \$JAVA_HOME, $TEMURIN_JDK)"
}

# ---------------------------------------------------------------- lock ------
release_lock() { rm -rf "$LOCK_DIR" 2>/dev/null || true; }
acquire_lock() { # serialises concurrent start/stop/wipe calls (mkdir is atomic)
  mkdir -p "$RUNTIME"
  local waited=0 holder
  until mkdir "$LOCK_DIR" 2>/dev/null; do
    holder="$(cat "$LOCK_DIR/pid" 2>/dev/null || true)"
    if [[ -n "$holder" ]] && { ! kill -0 "$holder" 2>/dev/null || [[ "$holder" == "$$" ]]; }; then
      rm -rf "$LOCK_DIR"; continue          # stale lock from a dead caller (or a container's previous PID 1)
    fi
    (( waited++ < 600 )) || die "timed out waiting for lock $LOCK_DIR (held by pid ${holder:-?})"
    sleep 1
  done
  echo $$ > "$LOCK_DIR/pid"
  trap release_lock EXIT
}

# ---------------------------------------------------------------- jars ------
ensure_jars() {
  if [[ -n "$KAFKA_JARS_DIR" ]]; then # given jars are used as they are, never fetched
    [[ -f "$JARS_DIR/kafka_2.13-$KAFKA_VERSION.jar" && -f "$JARS_DIR/kafka-tools-$KAFKA_VERSION.jar" ]] \
      || die "KAFKA_JARS_DIR=$JARS_DIR holds no kafka_2.13-$KAFKA_VERSION.jar and kafka-tools-$KAFKA_VERSION.jar (set KAFKA_VERSION)"
    return 0
  fi
  if [[ -f "$JARS_DIR/.complete" && -f "$JARS_DIR/kafka_2.13-$KAFKA_VERSION.jar" && -f "$JARS_DIR/kafka-tools-$KAFKA_VERSION.jar" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found on PATH (needed once to fetch Kafka $KAFKA_VERSION jars)"
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central ..."
  local tmp="$JARS_DIR.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  # mvn itself needs a JDK; point it at the one we selected.
  if ! JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA_BIN")")")" \
       mvn -q -B -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" \
         -Dkafka.version="$KAFKA_VERSION" \
         dependency:copy-dependencies -Dmdep.includeScope=runtime \
         -DoutputDirectory="$tmp" >"$tmp.mvn.log" 2>&1; then
    tail -n 30 "$tmp.mvn.log" >&2 || true
    rm -rf "$tmp" "$tmp.mvn.log"
    die "mvn could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION and its dependencies"
  fi
  rm -f "$tmp.mvn.log"
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || { rm -rf "$tmp"; die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"; }
  touch "$tmp/.complete"
  rm -rf "$JARS_DIR"; mv "$tmp" "$JARS_DIR"
  log "jars cached in $JARS_DIR"
}

# ---------------------------------------------------------------- config ----
write_config() {
  mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOG_DIR"
  # Static quorum (controller.quorum.voters) works on 3.9 and 4.x alike and,
  # unlike a dynamic --standalone quorum, does not record the controller port
  # in the metadata log, so KAFKA_CONTROLLER_PORT can change between starts.
  local listener="PLAINTEXT" controller="PLAINTEXT"
  [[ "$KAFKA_SECURE" == "1" ]] && listener="SASL_PLAINTEXT" && controller="SASL_PLAINTEXT"
  cat > "$SERVER_PROPS" <<EOF
# generated by kafka-local.sh — edits are overwritten on every start
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=$listener://$KAFKA_LISTEN_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=$listener://$KAFKA_ADVERTISED_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=$listener
listener.security.protocol.map=$listener:$listener,CONTROLLER:$controller
log.dirs=$DATA_DIR
num.partitions=1
default.replication.factor=1
auto.create.topics.enable=false
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  if [[ "$KAFKA_SECURE" == "1" ]]; then
    # The controller listener (127.0.0.1 only) authenticates too, with SASL/PLAIN and the admin principal alone:
    # SCRAM credentials live in the metadata log the controller serves, so KRaft controllers cannot use SCRAM.
    # The broker reaches its controller as admin, so admin is the only super user (no anonymous principal).
    local admin_pw
    admin_pw="$(scram_password admin)"
    cat >> "$SERVER_PROPS" <<EOF
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_pw";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_pw" user_admin="$admin_pw";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
EOF
    chmod 600 "$SERVER_PROPS"
  fi
  write_tool_config
  cat > "$LOG4J2_XML" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- generated by kafka-local.sh -->
<Configuration status="WARN">
  <Appenders>
    <RollingFile name="server" fileName="$SERVER_LOG" filePattern="$LOG_DIR/server.log.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy max="3"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Logger name="kafka" level="INFO"/>
    <Logger name="org.apache.kafka" level="INFO"/>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="kafka.log.LogCleaner" level="WARN"/>
    <Root level="INFO"><AppenderRef ref="server"/></Root>
  </Loggers>
</Configuration>
EOF
}

write_tool_config() { # what the CLI tools need: their log config and, in secure mode, the admin's client settings
  mkdir -p "$CONF_DIR" "$LOG_DIR"
  cat > "$LOG4J2_TOOLS_XML" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- generated by kafka-local.sh; used by StorageTool (logs to stderr) -->
<Configuration status="WARN">
  <Appenders><Console name="err" target="SYSTEM_ERR"><PatternLayout pattern="[%d] %p %m (%c)%n"/></Console></Appenders>
  <Loggers><Root level="WARN"><AppenderRef ref="err"/></Root></Loggers>
</Configuration>
EOF
  if [[ "$KAFKA_SECURE" == "1" ]]; then
    local admin_pw
    admin_pw="$(scram_password admin)"
    (umask 077; cat > "$CONF_DIR/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_pw";
EOF
    )
  fi
}

tool_cmd() { # run a Kafka CLI class (StorageTool) on our classpath
  "$JAVA_BIN" -Djava.awt.headless=true -Dlog4j2.configurationFile="$LOG4J2_TOOLS_XML" \
    -cp "$JARS_DIR/*" "$@"
}

format_storage() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  local cid
  cid="$(tool_cmd kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/storage-tool.log" | tail -n1)"
  [[ -n "$cid" ]] || die "StorageTool random-uuid failed (see $LOG_DIR/storage-tool.log)"
  log "formatting storage in $DATA_DIR (cluster id $cid)"
  local scram=() principal
  if [[ "$KAFKA_SECURE" == "1" ]]; then
    # KRaft: SCRAM credentials are bootstrapped into the metadata log when the storage is formatted.
    for principal in admin $SERVICE_PRINCIPALS auditor; do
      scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=$(scram_password "$principal")]")
    done
  fi
  tool_cmd kafka.tools.StorageTool format --ignore-formatted \
      --cluster-id "$cid" --config "$SERVER_PROPS" "${scram[@]}" >>"$LOG_DIR/storage-tool.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/storage-tool.log" >&2; die "StorageTool format failed"; }
  echo "$KAFKA_VERSION" > "$DATA_DIR/.formatted-by-version"
}

# ---------------------------------------------------------------- secure mode
# One principal per service and the topics it owns (libs/contracts: every topic starts with its owner's prefix),
# plus its consumer group and dead-letter topic (<group>.dlq). The auditor reads every topic and writes none.
SERVICE_PRINCIPALS="registration credit-supervision evaluation service-purchasing"
topic_prefix() {
  case "$1" in
    registration) echo "registration." ;;
    credit-supervision) echo "credit." ;;
    evaluation) echo "evaluation." ;;
    service-purchasing) echo "purchasing." ;;
  esac
}

scram_password() { # $1 = principal; its password from KAFKA_SCRAM_USERS_FILE ("principal=password" lines),
  # else from KAFKA_SCRAM_PASSWORD_<PRINCIPAL> (how docker-compose.yml passes the operator's passwords)
  local v var
  if [[ -n "$KAFKA_SCRAM_USERS_FILE" ]]; then
    [[ -r "$KAFKA_SCRAM_USERS_FILE" ]] || die "cannot read KAFKA_SCRAM_USERS_FILE=$KAFKA_SCRAM_USERS_FILE"
    v="$(sed -n "s/^$1=//p" "$KAFKA_SCRAM_USERS_FILE" | head -n1)"
    [[ -n "$v" ]] || die "no password for $1 in $KAFKA_SCRAM_USERS_FILE"
  else
    var="KAFKA_SCRAM_PASSWORD_$(echo "$1" | tr 'a-z-' 'A-Z_')"
    v="${!var:-}"
    [[ -n "$v" ]] || die "KAFKA_SECURE=1 needs KAFKA_SCRAM_USERS_FILE (lines principal=password for admin, $SERVICE_PRINCIPALS, auditor) or $var"
  fi
  [[ "$v" =~ ^[A-Za-z0-9._~+/-]+$ ]] || die "the password of $1 may use letters, digits and ._~+/- only"
  echo "$v"
}

acl() { # kafka-acls as admin; adding an ACL that exists is a no-op, so applying them again is harmless
  tool_cmd org.apache.kafka.tools.AclCommand --bootstrap-server "$BOOTSTRAP" --command-config "$CONF_DIR/admin.properties" --add "$@" \
    >>"$LOG_DIR/acls.log" 2>&1 || { tail -n 20 "$LOG_DIR/acls.log" >&2; die "kafka-acls failed: $*"; }
}

apply_acls() {
  local s p
  for s in $SERVICE_PRINCIPALS; do
    p="$(topic_prefix "$s")"
    # Its own topics: create (provisioning), write, read, describe.
    acl --allow-principal "User:$s" --operation Create --operation Write --operation Read --operation Describe \
      --operation DescribeConfigs --topic "$p" --resource-pattern-type prefixed
    # Its dead-letter topic and its consumer groups.
    acl --allow-principal "User:$s" --operation Create --operation Write --operation Read --operation Describe --topic "$s.dlq"
    acl --allow-principal "User:$s" --operation Read --operation Describe --group "$s" --resource-pattern-type prefixed
    # Other services' topics: read only (it consumes their events; writing them would be forging).
    acl --allow-principal "User:$s" --operation Read --operation Describe --topic '*'
    # `audit-chain` reads its own topics with a throw-away group sop-audit-<uuid> (libs/shared/messaging read-topics).
    acl --allow-principal "User:$s" --operation Read --operation Describe --group sop-audit- --resource-pattern-type prefixed
  done
  acl --allow-principal User:auditor --operation Read --operation Describe --operation DescribeConfigs --topic '*'
  acl --allow-principal User:auditor --operation Read --operation Describe --group auditor --resource-pattern-type prefixed
  acl --allow-principal User:auditor --operation Read --operation Describe --group sop-audit- --resource-pattern-type prefixed
  log "ACLs applied: $SERVICE_PRINCIPALS write only their own topics; auditor reads all, writes none"
}

# ---------------------------------------------------------------- process ---
port_open() { # $1 = port; true if something accepts TCP connections on it
  timeout 2 bash -c "exec 3<>/dev/tcp/$KAFKA_HOST/$1" 2>/dev/null
}

is_our_broker() { # $1 = pid; true if it is kafka.Kafka running with our config
  local c
  c="$(tr '\0' ' ' 2>/dev/null < "/proc/$1/cmdline")" 2>/dev/null || return 1
  [[ "$c" == *java*" kafka.Kafka $SERVER_PROPS "* ]]
}

running_pid() { # prints our broker's pid if it is alive, else nothing
  local pid p
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && is_our_broker "$pid"; then
    echo "$pid"
    return 0
  fi
  # pid file missing or stale (recycled pid): look for an orphaned broker of ours
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    if [[ "$p" != "$$" ]] && is_our_broker "$p"; then
      echo "$p" > "$PID_FILE"
      echo "$p"
      return 0
    fi
  done
}

do_start() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    if port_open "$KAFKA_PORT"; then
      log "already running (pid $pid)"
      echo "$BOOTSTRAP"
      return 0
    fi
    log "process $pid exists but $BOOTSTRAP is not accepting connections; waiting for it"
  else
    rm -f "$PID_FILE"
    port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is already in use by another process (set KAFKA_PORT)"
    port_open "$KAFKA_CONTROLLER_PORT" && die "controller port $KAFKA_CONTROLLER_PORT is already in use (set KAFKA_CONTROLLER_PORT)"
    ensure_jars
    write_config
    if [[ -f "$DATA_DIR/.formatted-by-version" ]] && [[ "$(cat "$DATA_DIR/.formatted-by-version")" != "$KAFKA_VERSION" ]]; then
      log "note: data was formatted by Kafka $(cat "$DATA_DIR/.formatted-by-version"); run 'wipe' if $KAFKA_VERSION refuses it"
    fi
    format_storage
    local log_offset=0
    [[ -f "$SERVER_LOG" ]] && log_offset="$(stat -c %s "$SERVER_LOG")"
    echo "$log_offset" > "$RUNTIME/server.log.offset"
    log "starting Kafka $KAFKA_VERSION on $BOOTSTRAP (controller $KAFKA_HOST:$KAFKA_CONTROLLER_PORT, java $(java_major "$JAVA_BIN"))"
    local detach=()
    command -v setsid >/dev/null && detach=(setsid)   # own session: survives the caller's process group
    # shellcheck disable=SC2086  # KAFKA_HEAP_OPTS is intentionally word-split
    nohup "${detach[@]}" "$JAVA_BIN" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -Djava.awt.headless=true -Dlog4j2.configurationFile="$LOG4J2_XML" -Dkafka.logs.dir="$LOG_DIR" \
      -cp "$JARS_DIR/*" kafka.Kafka "$SERVER_PROPS" >"$STDOUT_LOG" 2>&1 </dev/null &
    pid=$!
    echo "$pid" > "$PID_FILE"
  fi

  local offset deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  offset="$(cat "$RUNTIME/server.log.offset" 2>/dev/null || echo 0)"
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      fail_start "broker process $pid exited during startup"
    fi
    # ready = listener accepts connections AND the server logged that it started
    if port_open "$KAFKA_PORT" && tail -c +"$((offset + 1))" "$SERVER_LOG" 2>/dev/null | grep -q "Kafka Server started"; then
      [[ "$KAFKA_SECURE" == "1" ]] && apply_acls
      log "up (pid $pid) after $((KAFKA_START_TIMEOUT - (deadline - SECONDS)))s"
      echo "$BOOTSTRAP"
      return 0
    fi
    sleep 0.5
  done
  fail_start "broker did not come up on $BOOTSTRAP within ${KAFKA_START_TIMEOUT}s (pid $pid left running; run 'stop')"
}

fail_start() {
  local offset
  offset="$(cat "$RUNTIME/server.log.offset" 2>/dev/null || echo 0)"
  log "ERROR: $1"
  log "---- last lines of $SERVER_LOG (this start) ----"
  tail -c +"$((offset + 1))" "$SERVER_LOG" 2>/dev/null | tail -n 40 >&2 || true
  if [[ -s "$STDOUT_LOG" ]]; then
    log "---- last lines of $STDOUT_LOG ----"
    tail -n 20 "$STDOUT_LOG" >&2 || true
  fi
  exit 1
}

do_stop() {
  local pid i
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < KAFKA_STOP_TIMEOUT * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

do_status() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]] && port_open "$KAFKA_PORT"; then
    echo "running (pid $pid, Kafka $KAFKA_VERSION) on $BOOTSTRAP"
    return 0
  elif [[ -n "$pid" ]]; then
    echo "starting or unhealthy (pid $pid, $BOOTSTRAP not accepting connections)"
    return 1
  fi
  echo "stopped"
  return 3
}

do_wipe() {
  do_stop
  rm -rf "$DATA_DIR" "$LOG_DIR" "$CONF_DIR" "$RUNTIME/server.log.offset"
  log "wiped data, logs and config (jars kept in $RUNTIME/jars)"
}

# Foreground broker for a container: prepare as `start` does, then exec java so the broker is this process (PID 1
# in a container: it gets the SIGTERM of `docker stop` and its exit status is the container's). Logs go to stdout.
# ACLs are not applied here but by `acls` once the broker is healthy (docker-compose.yml: the kafka-acls job).
do_run() {
  [[ -z "$(running_pid)" ]] || die "already running (pid $(running_pid)); 'stop' it first"
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is already in use by another process (set KAFKA_PORT)"
  port_open "$KAFKA_CONTROLLER_PORT" && die "controller port $KAFKA_CONTROLLER_PORT is already in use (set KAFKA_CONTROLLER_PORT)"
  ensure_jars
  write_config
  format_storage
  cat > "$LOG4J2_CONSOLE_XML" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- generated by kafka-local.sh run: the broker logs to stdout -->
<Configuration status="WARN">
  <Appenders><Console name="out" target="SYSTEM_OUT"><PatternLayout pattern="[%d] %p %m (%c)%n"/></Console></Appenders>
  <Loggers>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="kafka.log.LogCleaner" level="WARN"/>
    <Root level="INFO"><AppenderRef ref="out"/></Root>
  </Loggers>
</Configuration>
EOF
  echo "$$" > "$PID_FILE" # exec keeps the pid: stop and status find the broker
  release_lock; trap - EXIT
  log "running Kafka $KAFKA_VERSION in the foreground on $KAFKA_LISTEN_HOST:$KAFKA_PORT (advertised $KAFKA_ADVERTISED_HOST:$KAFKA_PORT, java $(java_major "$JAVA_BIN"))"
  # shellcheck disable=SC2086  # KAFKA_HEAP_OPTS is intentionally word-split
  exec "$JAVA_BIN" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$LOG4J2_CONSOLE_XML" -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$JARS_DIR/*" kafka.Kafka "$SERVER_PROPS"
}

# Healthy = the broker answers an ApiVersions round on $BOOTSTRAP, authenticated as admin in secure mode. Reads the
# config `run`/`start` wrote; writes nothing (a container healthcheck).
do_health() {
  [[ -f "$LOG4J2_TOOLS_XML" ]] || die "no $LOG4J2_TOOLS_XML: the broker was not prepared here"
  local auth=()
  [[ "$KAFKA_SECURE" == "1" ]] && auth=(--command-config "$CONF_DIR/admin.properties")
  tool_cmd org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$BOOTSTRAP" "${auth[@]}" >/dev/null 2>&1 \
    || die "the broker on $BOOTSTRAP does not answer"
  echo "healthy: $BOOTSTRAP"
}

do_smoke() {
  command -v node >/dev/null || die "node not found"
  KAFKA_BROKERS="$BOOTSTRAP" KAFKA_VERSION="$KAFKA_VERSION" node "$SCRIPT_DIR/smoke.js"
}

usage() {
  echo "usage: $0 start|stop|status|restart|wipe|smoke|logs|acls|run|health" >&2
  exit 2
}

cmd="${1:-}"
case "$cmd" in
  start)   find_java; acquire_lock; do_start ;;
  stop)    acquire_lock; do_stop ;;
  restart) find_java; acquire_lock; do_stop; do_start ;;
  status)  do_status ;;
  wipe)    acquire_lock; do_wipe ;;
  smoke)   find_java; acquire_lock; do_start >/dev/null; release_lock; trap - EXIT; do_smoke ;;
  logs)    tail -n "${2:-100}" "$SERVER_LOG" ;;
  acls)    find_java; [[ "$KAFKA_SECURE" == "1" ]] || die "acls needs KAFKA_SECURE=1"; write_tool_config; apply_acls ;;
  run)     find_java; acquire_lock; do_run ;;
  health)  find_java; do_health ;;
  *)       usage ;;
esac
