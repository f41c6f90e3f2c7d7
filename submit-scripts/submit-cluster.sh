#!/usr/bin/env bash
# Submits one pipeline job (org.ecgpeft.jobs.Main <job> [options]) to a Spark cluster: YARN, Kubernetes or
# standalone, with the driver on a GPU (training runs there), DJL on a CUDA libtorch, and the Java 17 opens.
#
# Usage: submit-scripts/submit-cluster.sh --mode yarn|k8s|standalone [options] [--] <job> [job options]
# Run with --help for the options. --dry-run prints the spark-submit command instead of running it.
# The cluster's own spark-defaults.conf stays in force: the project's settings (conf/cluster/spark-gpu.conf)
# are added with --conf only for the keys it does not set; this script's flags and --conf always apply.
#
# Prerequisites: `mvn -B package -DskipTests` (builds spark-jobs/target/spark-jobs-*.jar and copies the
# runtime jars to spark-jobs/target/lib); Spark 3.5.x on Java 17 on the cluster; on GPU hosts libtorch
# 2.7.1+cu128 unpacked at the same path (--libtorch), since DJL must not download anything (offline).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
# shellcheck source=spark-conf.sh
source "$SCRIPT_DIR/spark-conf.sh"
MAIN_CLASS=org.ecgpeft.jobs.Main
DISCOVERY_NAME=getGpusResources.sh

# Copied from the parent pom property jvm.opens (Spark on Java 17); SubmitScriptsTest checks they agree.
JVM_OPENS=(
    --add-opens=java.base/java.lang=ALL-UNNAMED
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
    --add-opens=java.base/sun.security.action=ALL-UNNAMED
    --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
    -Djdk.reflect.useDirectMethodHandle=false
)

usage() {
    cat <<EOF
Usage: $(basename "$0") --mode yarn|k8s|standalone [options] [--] <job> [job options]

Cluster:
  --mode M               yarn, k8s or standalone (required)
  --master URL           yarn (default for --mode yarn), k8s://https://HOST:PORT, spark://HOST:PORT
  --deploy-mode D        client or cluster (default: cluster on k8s, client otherwise;
                         standalone supports client only: the driver needs this host's GPU and env)
  --queue Q              YARN queue
  --k8s-image IMAGE      container image with Spark 3.5 + Java 17 + libtorch (required for k8s)
  --properties-file F    the project's Spark settings (default: conf/cluster/spark-gpu.conf), added with
                         --conf for each key the cluster's spark-defaults.conf (\$SPARK_CONF_DIR, else
                         \$SPARK_HOME/conf, else beside spark-submit) does not set
  --conf KEY=VALUE       extra Spark setting (repeatable; wins over everything above)
  --database NAME        catalog database of the tables (default ecg; = --conf spark.ecg.database=NAME)
Sizing (override both defaults files):
  --driver-cores N  --driver-memory SIZE  --num-executors N  --executor-cores N  --executor-memory SIZE
GPUs:
  --gpu                  the driver trains on its GPU through a CUDA libtorch (the default, spelled out:
                         refuses --driver-gpus 0 and --bundled-cpu-torch)
  --driver-gpus N        GPUs for the driver (default 1; 0 trains on CPU)
  --executor-gpus N      GPUs per executor (default 0: executors preprocess/extract features on CPU)
  --discovery-script P   GPU discovery script as seen by the driver/executors (default: this checkout's
                         conf/cluster/$DISCOVERY_NAME; on YARN it is shipped with --files; on k8s
                         /opt/ecg-peft/conf/cluster/$DISCOVERY_NAME inside the image)
DJL / libtorch:
  --libtorch DIR         libtorch 2.7.1+cu128 lib folder on every node, becomes PYTORCH_LIBRARY_PATH
                         (default \$ECG_LIBTORCH_DIR or /opt/libtorch-2.7.1-cu128/lib)
  --torch-version V      that libtorch's version, becomes PYTORCH_VERSION (default \$ECG_PYTORCH_VERSION or 2.7.1)
  --torch-flavor F       its CUDA flavor, becomes PYTORCH_FLAVOR (default \$ECG_PYTORCH_FLAVOR or cu128); DJL
                         loads the CUDA libraries only for a cu* flavor and picks its JNI by version and flavor
  --bundled-cpu-torch    use the CPU libtorch bundled in pytorch-native-cpu (ships that jar, no GPU)
  --djl-cache DIR        DJL_CACHE_DIR on the nodes (default \$ECG_DJL_CACHE_DIR or /tmp/djl-cache)
  --java-home DIR        JAVA_HOME (Java 17) for the application master and executors
Jars and data:
  --lib-dir DIR          runtime jars (default spark-jobs/target/lib); spark-*, scala-*, hadoop-client-*
                         are left out because the cluster provides them
  --app-jar JAR          application jar (default spark-jobs/target/spark-jobs-*.jar)
  --remote-lib-dir DIR   the jars are already at DIR on every node / in the image: pass local:// URIs
  --extra-jars A,B       more jars, e.g. hadoop-aws and aws-java-sdk-bundle for s3a:// table roots
  --table-root URI       table root (hdfs://..., s3a://...), forwarded to the job as --tables URI
Other:
  --spark-submit PATH    spark-submit to run (default \$SPARK_HOME/bin/spark-submit, else on PATH)
Environment: JAVA_OPTS  extra JVM options for the driver
  --dry-run              print the command (one argument per line) and exit
  -h, --help             this help
Environment: ECG_ALLOCATOR=system leaves glibc malloc at its defaults on the driver and executors (by default
GLIBC_TUNABLES keeps freed native memory for reuse; see the README, "Native memory allocator").
EOF
}

die() {
    echo "submit-cluster.sh: $*" >&2
    exit 2
}

need_value() {
    [[ $# -ge 2 && -n "$2" ]] || die "option $1 needs a value"
}

positive_int() {
    [[ "$2" =~ ^[0-9]+$ ]] || die "option $1 must be a whole number >= 0, got '$2'"
}

memory_size() {
    [[ "$2" =~ ^[0-9]+[kKmMgGtT]?$ ]] || die "option $1 must be a size like 16g or 4096m, got '$2'"
}

mode=""
master=""
deploy_mode=""
queue=""
k8s_image=""
properties="$ROOT/conf/cluster/spark-gpu.conf"
extra_conf=()
driver_cores=""
driver_memory=""
num_executors=""
executor_cores=""
executor_memory=""
driver_gpus=1
executor_gpus=0
discovery=""
libtorch_dir="${ECG_LIBTORCH_DIR:-/opt/libtorch-2.7.1-cu128/lib}"
bundled_cpu_torch=false
gpu_flag=false
torch_version=${ECG_PYTORCH_VERSION:-2.7.1}
torch_flavor=${ECG_PYTORCH_FLAVOR:-cu128}
djl_cache="${ECG_DJL_CACHE_DIR:-/tmp/djl-cache}"
java_home=""
lib_dir="$ROOT/spark-jobs/target/lib"
app_jar=""
remote_lib_dir=""
extra_jars=""
table_root=""
spark_submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
dry_run=false

while [[ $# -gt 0 ]]; do
    case "$1" in
        --mode) need_value "$@"; mode=$2; shift 2 ;;
        --master) need_value "$@"; master=$2; shift 2 ;;
        --deploy-mode) need_value "$@"; deploy_mode=$2; shift 2 ;;
        --queue) need_value "$@"; queue=$2; shift 2 ;;
        --k8s-image) need_value "$@"; k8s_image=$2; shift 2 ;;
        --properties-file) need_value "$@"; properties=$2; shift 2 ;;
        --conf) need_value "$@"; [[ "$2" == *=* ]] || die "--conf needs KEY=VALUE, got '$2'"
            extra_conf+=(--conf "$2"); shift 2 ;;
        --database) need_value "$@"; extra_conf+=(--conf "spark.ecg.database=$2"); shift 2 ;;
        --driver-cores) need_value "$@"; positive_int "$1" "$2"; driver_cores=$2; shift 2 ;;
        --driver-memory) need_value "$@"; memory_size "$1" "$2"; driver_memory=$2; shift 2 ;;
        --num-executors) need_value "$@"; positive_int "$1" "$2"; num_executors=$2; shift 2 ;;
        --executor-cores) need_value "$@"; positive_int "$1" "$2"; executor_cores=$2; shift 2 ;;
        --executor-memory) need_value "$@"; memory_size "$1" "$2"; executor_memory=$2; shift 2 ;;
        --gpu) gpu_flag=true; shift ;;
        --torch-version) need_value "$@"; torch_version=$2; shift 2 ;;
        --torch-flavor) need_value "$@"; torch_flavor=$2; shift 2 ;;
        --driver-gpus) need_value "$@"; positive_int "$1" "$2"; driver_gpus=$2; shift 2 ;;
        --executor-gpus) need_value "$@"; positive_int "$1" "$2"; executor_gpus=$2; shift 2 ;;
        --discovery-script) need_value "$@"; discovery=$2; shift 2 ;;
        --libtorch) need_value "$@"; libtorch_dir=$2; shift 2 ;;
        --bundled-cpu-torch) bundled_cpu_torch=true; shift ;;
        --djl-cache) need_value "$@"; djl_cache=$2; shift 2 ;;
        --java-home) need_value "$@"; java_home=$2; shift 2 ;;
        --lib-dir) need_value "$@"; lib_dir=$2; shift 2 ;;
        --app-jar) need_value "$@"; app_jar=$2; shift 2 ;;
        --remote-lib-dir) need_value "$@"; remote_lib_dir=$2; shift 2 ;;
        --extra-jars) need_value "$@"; extra_jars=$2; shift 2 ;;
        --table-root) need_value "$@"; table_root=$2; shift 2 ;;
        --spark-submit) need_value "$@"; spark_submit=$2; shift 2 ;;
        --dry-run) dry_run=true; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; break ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) break ;;
    esac
done

if [[ "$gpu_flag" == true ]]; then
    [[ "$bundled_cpu_torch" == false ]] || die "--gpu and --bundled-cpu-torch exclude each other"
    (( driver_gpus > 0 )) || die "--gpu needs --driver-gpus 1 or more"
fi
[[ $# -ge 1 ]] || die "no job given (e.g. ingest, preprocess, features, train, evaluate, reevaluate, report, sql)"
job=$1
shift
job_args=("$@")

# ---- cluster manager and deploy mode ----
case "$mode" in
    yarn)
        master=${master:-yarn}
        [[ "$master" == yarn ]] || die "--mode yarn needs --master yarn, got '$master'"
        deploy_mode=${deploy_mode:-client} ;;
    k8s)
        [[ "$master" == k8s://* ]] || die "--mode k8s needs --master k8s://https://HOST:PORT, got '$master'"
        [[ -n "$k8s_image" ]] || die "--mode k8s needs --k8s-image"
        deploy_mode=${deploy_mode:-cluster} ;;
    standalone)
        [[ "$master" == spark://* ]] || die "--mode standalone needs --master spark://HOST:PORT, got '$master'"
        deploy_mode=${deploy_mode:-client}
        [[ "$deploy_mode" == client ]] || die "--mode standalone supports --deploy-mode client only" ;;
    "") die "--mode is required (yarn, k8s or standalone)" ;;
    *) die "--mode must be yarn, k8s or standalone, got '$mode'" ;;
esac
[[ "$deploy_mode" == client || "$deploy_mode" == cluster ]] \
    || die "--deploy-mode must be client or cluster, got '$deploy_mode'"
[[ -f "$properties" ]] || die "properties file not found: $properties"
if [[ "$dry_run" == false ]] && ! command -v "$spark_submit" > /dev/null; then
    die "spark-submit not found ('$spark_submit'): set SPARK_HOME to the cluster's Spark 3.5 installation or pass --spark-submit PATH"
fi
cluster_defaults=$(cluster_defaults_file "$spark_submit")

# ---- jars: the application's own dependencies, not what the cluster's Spark already provides ----
if [[ -z "$app_jar" ]]; then
    for candidate in "$ROOT"/spark-jobs/target/spark-jobs-*.jar; do
        case "$candidate" in *-sources.jar|*-tests.jar|*-javadoc.jar) continue ;; esac
        [[ -f "$candidate" ]] && app_jar=$candidate
    done
fi
[[ -n "$app_jar" && -f "$app_jar" ]] \
    || die "application jar not found (build it: mvn -B package -DskipTests, or pass --app-jar)"
[[ -d "$lib_dir" ]] || die "jar folder not found: $lib_dir (build it: mvn -B package -DskipTests, or pass --lib-dir)"

jar_uri() {
    if [[ -n "$remote_lib_dir" ]]; then
        echo "local://$remote_lib_dir/$(basename "$1")"
    else
        (cd "$(dirname "$1")" && echo "$PWD/$(basename "$1")")
    fi
}

jars=()
for jar in "$lib_dir"/*.jar; do
    [[ -f "$jar" ]] || continue
    case "$(basename "$jar")" in
        spark-*|scala-*|hadoop-client-*) continue ;;
        # 112 MB of CPU libtorch; only needed when the nodes have no CUDA libtorch of their own.
        pytorch-native-cpu-*) [[ "$bundled_cpu_torch" == true ]] || continue ;;
    esac
    jars+=("$(jar_uri "$jar")")
done
if [[ -n "$extra_jars" ]]; then
    IFS=',' read -r -a more <<< "$extra_jars"
    jars+=("${more[@]}")
fi
app_uri=$(jar_uri "$app_jar")

if [[ "$table_root" == s3a://* && "$extra_jars" != *hadoop-aws* ]]; then
    echo "submit-cluster.sh: note: s3a:// needs hadoop-aws matching the cluster's Hadoop (3.3.4 for Spark 3.5.6)" \
        "and its aws-java-sdk-bundle; pass them with --extra-jars unless the cluster provides them." \
        "Concurrent writers from several clusters also need Delta's DynamoDB log store." >&2
fi

# ---- DJL / libtorch environment, for the driver and every executor ----
env_names=(TORCH_ALLOW_TF32_CUBLAS_OVERRIDE DJL_OFFLINE OPT_OUT_TRACKING DJL_CACHE_DIR)
env_values=(1 true true "$djl_cache")
# Keep freed native memory for reuse instead of handing it back to the OS every training step (README,
# "Native memory allocator"); ECG_ALLOCATOR=system leaves malloc at its defaults.
case "${ECG_ALLOCATOR:-tuned}" in
    tuned)
        env_names+=(GLIBC_TUNABLES)
        env_values+=("${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.arena_max=1}") ;;
    system) ;;
    *) die "ECG_ALLOCATOR must be tuned or system, got '$ECG_ALLOCATOR'" ;;
esac
if [[ "$bundled_cpu_torch" == false ]]; then
    env_names+=(PYTORCH_LIBRARY_PATH PYTORCH_VERSION PYTORCH_FLAVOR)
    env_values+=("$libtorch_dir" "$torch_version" "$torch_flavor")
fi
if [[ -n "$java_home" ]]; then
    env_names+=(JAVA_HOME)
    env_values+=("$java_home")
fi

# The values in force: the cluster's defaults win over the project's (which only fill the gaps).
driver_threads=${driver_cores:-$(conf_value spark.driver.cores 1 "$cluster_defaults" "$properties")}
task_cpus=$(conf_value spark.task.cpus 1 "$cluster_defaults" "$properties")
cores_per_executor=${executor_cores:-$(conf_value spark.executor.cores 1 "$cluster_defaults" "$properties")}
# The JVM options the cluster sets come first, then ours (one DJL thread per core a task owns, so concurrent
# tasks in one executor do not oversubscribe); JAVA_OPTS reaches the driver.
java_opts() {
    local cluster
    cluster=$(conf_value "$1" "" "$cluster_defaults")
    echo "${cluster:+$cluster }${JVM_OPENS[*]} -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=$2" \
        "-Dai.djl.pytorch.num_interop_threads=1 -Djava.awt.headless=true"
}

conf=()
while IFS= read -r setting; do
    conf+=(--conf "$setting")
done < <(project_confs "$properties" "$cluster_defaults")
conf+=(--conf "spark.driver.extraJavaOptions=$(java_opts spark.driver.extraJavaOptions "$driver_threads")${JAVA_OPTS:+ $JAVA_OPTS}"
       --conf "spark.executor.extraJavaOptions=$(java_opts spark.executor.extraJavaOptions "$task_cpus")")
for i in "${!env_names[@]}"; do
    conf+=(--conf "spark.executorEnv.${env_names[$i]}=${env_values[$i]}")
    if [[ "$deploy_mode" == cluster && "$mode" == yarn ]]; then
        conf+=(--conf "spark.yarn.appMasterEnv.${env_names[$i]}=${env_values[$i]}")
    elif [[ "$deploy_mode" == cluster && "$mode" == k8s ]]; then
        conf+=(--conf "spark.kubernetes.driverEnv.${env_names[$i]}=${env_values[$i]}")
    fi
done

# ---- GPU scheduling ----
files=()
in_container_discovery=""
if [[ -z "$discovery" ]]; then
    case "$mode" in
        yarn)
            # Containers see the shipped copy in their working folder; a client-mode driver reads ours.
            files+=("$ROOT/conf/cluster/$DISCOVERY_NAME")
            in_container_discovery="./$DISCOVERY_NAME"
            discovery="$ROOT/conf/cluster/$DISCOVERY_NAME"
            [[ "$deploy_mode" == cluster ]] && discovery=$in_container_discovery ;;
        k8s) discovery="/opt/ecg-peft/conf/cluster/$DISCOVERY_NAME" ;;
        standalone) discovery="$ROOT/conf/cluster/$DISCOVERY_NAME" ;;
    esac
fi
executor_discovery=${in_container_discovery:-$discovery}
if (( driver_gpus > 0 )); then
    conf+=(--conf "spark.driver.resource.gpu.amount=$driver_gpus"
           --conf "spark.driver.resource.gpu.discoveryScript=$discovery")
    [[ "$mode" == k8s ]] && conf+=(--conf spark.driver.resource.gpu.vendor=nvidia.com)
else
    conf+=(--conf spark.driver.resource.gpu.amount=0)
fi
if (( executor_gpus > 0 )); then
    tasks_per_executor=$(( cores_per_executor / task_cpus ))
    (( tasks_per_executor > 0 )) || die "executor cores ($cores_per_executor) < spark.task.cpus ($task_cpus)"
    conf+=(--conf "spark.executor.resource.gpu.amount=$executor_gpus"
           --conf "spark.executor.resource.gpu.discoveryScript=$executor_discovery"
           --conf "spark.task.resource.gpu.amount=$(awk -v g="$executor_gpus" -v t="$tasks_per_executor" \
                'BEGIN { printf "%g", g / t }')")
    [[ "$mode" == k8s ]] && conf+=(--conf spark.executor.resource.gpu.vendor=nvidia.com)
fi

# ---- sizing overrides ----
[[ -n "$driver_cores" ]] && conf+=(--conf "spark.driver.cores=$driver_cores")
[[ -n "$driver_memory" ]] && conf+=(--conf "spark.driver.memory=$driver_memory")
[[ -n "$executor_cores" ]] && conf+=(--conf "spark.executor.cores=$executor_cores")
[[ -n "$executor_memory" ]] && conf+=(--conf "spark.executor.memory=$executor_memory")
if [[ -n "$num_executors" ]]; then
    if [[ "$mode" == standalone ]]; then
        # Standalone has no executor count: cap the application's cores instead.
        conf+=(--conf "spark.cores.max=$(( num_executors * cores_per_executor ))")
    else
        conf+=(--conf "spark.executor.instances=$num_executors")
    fi
fi
[[ "$mode" == k8s ]] && conf+=(--conf "spark.kubernetes.container.image=$k8s_image")
[[ -n "$queue" ]] && conf+=(--queue "$queue")

# ---- the command ----
cmd=()
if [[ "$deploy_mode" == client ]]; then
    # The driver is the spark-submit JVM itself, so it takes the environment from here.
    cmd+=(env)
    for i in "${!env_names[@]}"; do
        cmd+=("${env_names[$i]}=${env_values[$i]}")
    done
fi
cmd+=("$spark_submit" --master "$master" --deploy-mode "$deploy_mode" --name "ecg-peft-$job"
      --class "$MAIN_CLASS" "${conf[@]}")
if (( ${#files[@]} > 0 )); then
    cmd+=(--files "$(IFS=','; echo "${files[*]}")")
fi
if (( ${#jars[@]} > 0 )); then
    cmd+=(--jars "$(IFS=','; echo "${jars[*]}")")
fi
(( ${#extra_conf[@]} > 0 )) && cmd+=("${extra_conf[@]}")
cmd+=("$app_uri" "$job")
[[ -n "$table_root" ]] && cmd+=(--tables "$table_root")
(( ${#job_args[@]} > 0 )) && cmd+=("${job_args[@]}")

if [[ "$dry_run" == true ]]; then
    print_command "${cmd[@]}"
    exit 0
fi
exec "${cmd[@]}"
