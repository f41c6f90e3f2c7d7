# Sourced by ecg-pipeline and submit-cluster.sh (not run on its own): Spark properties files read the way
# spark-submit reads them, the project's settings as --conf options that add to the cluster's own
# spark-defaults.conf instead of replacing it, and the --dry-run printout.

# "key value" for each setting of a properties file: comments and blank lines skipped, the key ends at the
# first whitespace, '=' or ':' (as java.util.Properties reads it), the value is the rest, trimmed.
conf_entries() {
    [[ -f "$1" ]] || return 0
    awk '/^[[:space:]]*([#!]|$)/ { next }
         { sub(/^[[:space:]]+/, ""); match($0, /^[^[:space:]=:]+/); key = substr($0, 1, RLENGTH)
           rest = substr($0, RLENGTH + 1); sub(/^[[:space:]]*[=:]?[[:space:]]*/, "", rest); sub(/[[:space:]]+$/, "", rest)
           print key " " rest }' "$1"
}

# The cluster's spark-defaults.conf, as spark-submit finds it: $SPARK_CONF_DIR, else $SPARK_HOME/conf, else
# the conf folder beside the given spark-submit ($1). Prints nothing when there is none.
cluster_defaults_file() {
    local dir=${SPARK_CONF_DIR:-${SPARK_HOME:+$SPARK_HOME/conf}} submit
    if [[ -z "$dir" && -n "${1:-}" ]] && submit=$(command -v "$1" 2>/dev/null) && [[ -f "$submit" ]]; then
        dir=$(cd "$(dirname "$(readlink -f "$submit")")/.." && pwd)/conf
    fi
    [[ -n "$dir" && -f "$dir/spark-defaults.conf" ]] && echo "$dir/spark-defaults.conf"
    return 0
}

# "key=value" for each setting of the project's file $1 that the cluster's file $2 (may be empty) leaves unset.
project_confs() {
    local key value
    local -A cluster=()
    while read -r key value; do
        cluster[$key]=1
    done < <(conf_entries "${2:-}")
    while read -r key value; do
        [[ -n "${cluster[$key]:-}" ]] || printf '%s=%s\n' "$key" "$value"
    done < <(conf_entries "$1")
}

# The value of KEY in the first of FILE... that sets it, else DEFAULT: conf_value KEY DEFAULT FILE...
conf_value() {
    local key=$1 default=$2 file k v
    shift 2
    for file in "$@"; do
        while read -r k v; do
            if [[ "$k" == "$key" ]]; then
                echo "$v"
                return 0
            fi
        done < <(conf_entries "$file")
    done
    echo "$default"
}

# Prints a command copy-pasteably: one option (with its value) per line.
print_command() {
    local n=$# i=0 line
    local -a cmd=("$@")
    while (( i < n )); do
        line=$(printf '%q' "${cmd[$i]}")
        if [[ "${cmd[$i]}" == --* ]] && (( i + 1 < n )) && [[ "${cmd[$((i + 1))]}" != -* ]]; then
            i=$(( i + 1 ))
            line+=" $(printf '%q' "${cmd[$i]}")"
        fi
        i=$(( i + 1 ))
        if (( i < n )); then
            printf '%s \\\n    ' "$line"
        else
            printf '%s\n' "$line"
        fi
    done
}
