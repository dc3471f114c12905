#!/usr/bin/env bash
# Runs the mix16 benchmark on MVM and on DOSBox in one sitting and prints the ratio.
#
#   bench/mix16-vs-dosbox.sh [N] [ROUNDS]        (defaults: N=1000, 3 rounds)
#
# Every figure is a whole process, start to exit, for N and for N/4 iterations:
#   ms per iteration = (t(N) - t(N/4)) / (3N/4), medians over the rounds,
# so start-up, loading and the JVM's warm-up cancel out. Within a round the engines take
# turns (DOSBox normal, DOSBox dynamic, then MVM 80286 and 80486 each twice: with the
# translation of hot code to JVM bytecode, the default, and interpreting every instruction,
# --interpret), so that the load of a shared machine falls on all of them alike. Each run's
# CHECKSUM is checked against mix16_ref.py. Then the in-JVM harness
# (dev.mvm.benchmarks.WholeProgram) gives MVM's steady state, for the same four MVM engines.
#
# BASELINE=DIR adds the engines base-286 and base-486: DIR/bin/mvm, another build's launcher
# (for before/after figures from one sitting). IN_JVM=0 leaves out the in-JVM harness.
#
# Needs: a packaged build (mvn -B -o -q package -DskipTests: mvm-samples/target/mvm and
# mvm-benchmarks/target/benchmarks.jar), dosbox (Debian's 0.74-3), python3, and the benchmark
# from the shared folder (MIX16_DIR, default ../shared/bench). Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-1000}
rounds=${2:-3}
quarter=$((n / 4))
bench=${MIX16_DIR:-$(cd .. && pwd)/shared/bench}
mvm=mvm-samples/target/mvm/bin/mvm
jar=mvm-benchmarks/target/benchmarks.jar
insns=646983 # instructions per iteration of mix16, from mix16.asm

for f in "$bench/mix16.com" "$bench/mix16_ref.py" "$mvm" "$jar"; do
  [ -e "$f" ] || { echo "missing $f (build with mvn -B -o -q package -DskipTests)" >&2; exit 1; }
done
command -v dosbox >/dev/null || { echo "dosbox is not installed" >&2; exit 1; }

work=$(mktemp -d /tmp/mix16-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$bench/mix16.com" "$work/MIX16.COM"
for core in normal dynamic; do
  printf '[sdl]\nfullscreen=false\noutput=surface\n[cpu]\ncore=%s\ncycles=fixed 2000000\n[mixer]\nnosound=true\n' \
    "$core" >"$work/$core.conf"
done

expect() { python3 "$bench/mix16_ref.py" "$1" | grep '^RESULT'; }
expect_n=$(expect "$n")
expect_q=$(expect "$quarter")

# run ENGINE ITERATIONS: prints the wall time in ns, checks the output line.
run() {
  local engine=$1 iters=$2 start end out cpu
  rm -f "$work/OUT.TXT"
  start=$(date +%s%N)
  case $engine in
    dosbox-*)
      SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy dosbox -conf "$work/${engine#dosbox-}.conf" \
        -c "mount c $work" -c "c:" -c "MIX16.COM $iters > OUT.TXT" -c exit >/dev/null 2>&1
      end=$(date +%s%N)
      out=$(tr -d '\r' <"$work/OUT.TXT" | head -1)
      ;;
    mvm-*-interp)
      cpu=${engine#mvm-}
      out=$("$mvm" run --cpu "${cpu%-interp}" --interpret "$work/MIX16.COM" "$iters" \
        | tr -d '\r' | head -1)
      end=$(date +%s%N)
      ;;
    mvm-*)
      out=$("$mvm" run --cpu "${engine#mvm-}" "$work/MIX16.COM" "$iters" | tr -d '\r' | head -1)
      end=$(date +%s%N)
      ;;
    base-*)
      out=$("$BASELINE/bin/mvm" run --cpu "${engine#base-}" "$work/MIX16.COM" "$iters" \
        | tr -d '\r' | head -1)
      end=$(date +%s%N)
      ;;
  esac
  local want=$expect_n
  [ "$iters" = "$quarter" ] && want=$expect_q
  if [ "$out" != "$want" ]; then
    echo "$engine N=$iters printed '$out', expected '$want'" >&2
    exit 1
  fi
  echo $((end - start))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

engines="dosbox-normal dosbox-dynamic mvm-286 mvm-286-interp mvm-486 mvm-486-interp"
if [ -n "${BASELINE:-}" ]; then
  engines="$engines base-286 base-486"
fi
echo "mix16, N=$n and N/4=$quarter, $rounds rounds, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
for r in $(seq "$rounds"); do
  for e in $engines; do
    tq=$(run "$e" "$quarter")
    tn=$(run "$e" "$n")
    echo "$tq" >>"$work/$e.q"
    echo "$tn" >>"$work/$e.n"
    printf 'round %d %-15s t(N/4) = %6.2f s  t(N) = %6.2f s\n' "$r" "$e" \
      "$(echo "$tq / 1000000000" | bc -l)" "$(echo "$tn / 1000000000" | bc -l)"
  done
done

echo
printf '%-15s %12s %8s\n' engine ms/iteration MIPS
for e in $engines; do
  q=$(median <"$work/$e.q")
  t=$(median <"$work/$e.n")
  ms=$(echo "($t - $q) / 1000000 / ($n - $quarter)" | bc -l)
  echo "$ms" >"$work/$e.ms"
  printf '%-15s %12.3f %8.1f\n' "$e" "$ms" "$(echo "$insns / $ms / 1000" | bc -l)"
done
normal=$(cat "$work/dosbox-normal.ms")
dynamic=$(cat "$work/dosbox-dynamic.ms")
for e in $engines; do
  case $e in dosbox-*) continue ;; esac
  printf 'ratio DOSBox normal / %s = %.2f, DOSBox dynamic / %s = %.2f (>= 1.0: MVM is at least as fast)\n' \
    "$e" "$(echo "$normal / $(cat "$work/$e.ms")" | bc -l)" \
    "$e" "$(echo "$dynamic / $(cat "$work/$e.ms")" | bc -l)"
done

if [ "${IN_JVM:-1}" = 1 ]; then
  echo
  echo "In one JVM (steady state, after warm-up):"
  for cpu in 286 286-interp 486 486-interp; do
    interp=()
    case $cpu in *-interp) interp=(--interpret) ;; esac
    java -cp "$jar" dev.mvm.benchmarks.WholeProgram --cpu "${cpu%-interp}" "${interp[@]}" \
      --rounds "$rounds" --insns "$insns" "$work/MIX16.COM" "$n" | grep '^RESULT'
  done
fi
