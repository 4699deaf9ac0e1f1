#!/bin/sh
# REQ/REP latency over libzmq between two processes on tcp loopback, the C side of the Java bench's
# `latency --transport tcp --procs 2`. Usage: bench/libzmq/run-latency.sh [SIZE] [COUNT] [BUSY]
# BUSY = number of busy background processes (like --background-load). Needs gcc and libzmq3-dev.
# Prints: mean_us p50_us p99_us cpu_us_per_round_trip (both processes, every round trip incl. warm-up)
set -eu
size=${1:-1}
count=${2:-20000}
busy=${3:-0}
warmup=2000
here=$(cd "$(dirname "$0")" && pwd)
binary=${TMPDIR:-/tmp}/meshmq-zmq-latency-$$
gcc -O2 -o "$binary" "$here/zmq_latency.c" -lzmq
spinners=""
i=0
while [ "$i" -lt "$busy" ]; do
    sh -c 'while :; do :; done' &
    spinners="$spinners $!"
    i=$((i + 1))
done
out=${TMPDIR:-/tmp}/meshmq-zmq-latency-$$.rep
"$binary" rep 'tcp://127.0.0.1:*' > "$out" &
rep=$!
while [ ! -s "$out" ]; do :; done
endpoint=$(head -n 1 "$out")
set -- $("$binary" req "$endpoint" "$size" "$count" "$warmup")
wait "$rep"
rep_cpu=$(sed -n 2p "$out")
for pid in $spinners; do kill "$pid"; done
rm -f "$binary" "$out"
echo "libzmq tcp 2 procs size=$size busy=$busy: mean_us=$1 p50_us=$2 p99_us=$3" \
    "cpu_us_per_round_trip=$(echo "($4 + $rep_cpu) / ($count + $warmup + 1)" | bc -l | cut -c1-6)"
