#!/usr/bin/env bash
# Scheduled re-evaluation: runs the `reevaluate` job (every registered model without metrics for the current
# data version; `-- --all` for every model), locally through the launcher or on the cluster through
# submit-cluster.sh. Output goes to a dated log file (and stdout); the exit status is the job's, so cron or
# any scheduler sees failures. See crontab.example.
#
# Usage: reevaluate.sh [--log-dir DIR] [--local] [-- job options]
#        reevaluate.sh [--log-dir DIR] --cluster [submit-cluster.sh options] [-- job options]
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Overridable so a scheduler can point at an installed copy (and tests at a stand-in).
LAUNCHER=${ECG_PIPELINE:-$SCRIPT_DIR/ecg-pipeline}
SUBMIT_CLUSTER=${ECG_SUBMIT_CLUSTER:-$SCRIPT_DIR/submit-cluster.sh}
# Exit status when a previous run still holds the lock (EX_TEMPFAIL): the overlap is reported, not hidden.
EXIT_LOCKED=75

usage() {
    cat <<EOF
Usage: $(basename "$0") [--log-dir DIR] [--local] [-- job options]
       $(basename "$0") [--log-dir DIR] --cluster [submit-cluster.sh options] [-- job options]

  --log-dir DIR   where reevaluate-<UTC time>.log files go
                  (default \$ECG_LOG_DIR, else \${XDG_STATE_HOME:-~/.local/state}/ecg-peft/logs)
  --local         run with the local launcher ($LAUNCHER) (default)
  --cluster       submit with $SUBMIT_CLUSTER; the options up to '--' are passed to it
  -- ...          options for the reevaluate job itself, e.g. --all
EOF
}

die() {
    echo "reevaluate.sh: $*" >&2
    exit 2
}

# Outside the checkout, so logs neither dirty the working tree nor vanish with `mvn clean`.
log_dir=${ECG_LOG_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/ecg-peft/logs}
target=local
submit_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --log-dir) [[ $# -ge 2 && -n "$2" ]] || die "option --log-dir needs a value"; log_dir=$2; shift 2 ;;
        --local) target=local; shift ;;
        --cluster) target=cluster; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; break ;;
        *)
            [[ "$target" == cluster ]] || die "unknown option $1 (launcher options need --cluster; see --help)"
            submit_args+=("$1"); shift ;;
    esac
done
job_args=("$@")

if [[ "$target" == cluster ]]; then
    cmd=("$SUBMIT_CLUSTER" "${submit_args[@]}" -- reevaluate "${job_args[@]}")
else
    cmd=("$LAUNCHER" reevaluate "${job_args[@]}")
fi
[[ -x "${cmd[0]}" ]] || die "not executable: ${cmd[0]}"

mkdir -p "$log_dir"
log="$log_dir/reevaluate-$(date -u +%Y%m%dT%H%M%SZ).log"

# Two overlapping nightly runs would evaluate the same models twice; the second one gives way.
if command -v flock > /dev/null 2>&1; then
    exec 9> "$log_dir/.reevaluate.lock"
    if ! flock -n 9; then
        echo "$(date -u +%FT%TZ) another re-evaluation holds $log_dir/.reevaluate.lock; not started" | tee -a "$log" >&2
        exit "$EXIT_LOCKED"
    fi
fi

start=$(date +%s)
{
    echo "$(date -u +%FT%TZ) reevaluate ($target) started on $(hostname)"
    printf 'command:'
    printf ' %q' "${cmd[@]}"
    printf '\n'
} | tee -a "$log"

set +e
"${cmd[@]}" 2>&1 | tee -a "$log"
status=${PIPESTATUS[0]}
set -e

echo "$(date -u +%FT%TZ) reevaluate finished with exit status $status after $(( $(date +%s) - start )) s" \
    | tee -a "$log"
exit "$status"
