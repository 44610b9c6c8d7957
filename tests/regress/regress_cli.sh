#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# regress_cli.sh IOMMUSIM SRCDIR WORKDIR: `iommusim regress` end to end on
# tests/regress/small.yaml: exit codes, file:line errors for bad input,
# golden files untouched by `run`, a deliberate model change (IOTLB ways)
# reported as exactly the statistics that moved, the same bytes for any -j
# and through `collect`, the kernel-source note, JUnit, Markdown, history.
set -u
bin=$1
src=$2
work=$3
suite=$src/tests/regress/small.yaml
golden=$src/tests/regress/small-golden
. "$(dirname "$0")/check.sh"
rm -rf "$work"
mkdir -p "$work"

sum_golden() { cat "$golden"/*.json | cksum; }
before=$(sum_golden)

# --- a clean run: exit 0, its files, the same bytes for -j 1 and -j 2 ---
expect 0 "suite small: 6 cases, 0 changed, 0 failed" \
	"$bin" regress run "$suite" -o "$work/j1" --history none --junit "$work/j1.xml"
expect 0 "" "$bin" regress run "$suite" -j 2 -o "$work/j2" --history none -q \
	--markdown "$work/j2.md"
for f in results.json table.txt summary.md; do
	cmp -s "$work/j1/$f" "$work/j2/$f" || fail "$f differs between -j 1 and -j 2"
done
cmp -s "$work/j2/summary.md" "$work/j2.md" || fail "--markdown differs from summary.md"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$work/j1.xml" || fail "JUnit XML not well formed"
fi
grep -q '<testsuite name="regress.small" tests="6" failures="0" errors="0">' "$work/j1.xml" ||
	fail "JUnit totals"
cp "$work/j1/results.json" "$work/j1.results"
expect 0 "0 changed" "$bin" regress collect "$work/j1" --history none
cmp -s "$work/j1/results.json" "$work/j1.results" || fail "collect changed results.json"

# --- a deliberate model change: the IOTLB's ways 8 -> 4 ---
mkdir -p "$work/changed"
sed -e "s|^golden: .*|golden: $golden|" -e "s|\.\./\.\./scenarios|$src/scenarios|" \
    -e "s|set: { devices.0.params.count: 3000 }|set: { devices.0.params.count: 3000, iommu.caches.iotlb.ways: 4 }|" \
    "$suite" >"$work/changed/suite.yaml"
"$bin" regress run "$work/changed/suite.yaml" -o "$work/changed/out" --history none \
	--junit "$work/changed/junit.xml" >"$work/changed/table" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "a model change: exit $rc, expected 1"
cat "$work/changed/table"
# the rows must be exactly the statistics that moved beyond their bounds
for g in "$golden"/*.json; do
	case=$(basename "$g" .json)
	rep="$work/changed/out/cases/$case.json"
	jq -r --slurpfile r "$rep" '
		.statistics | to_entries[] |
		.key as $k | .value as $g | ($r[0].statistics | getpath($k | split("."))) as $n |
		(if $k == "translation_latency_ns.mean" then 0.001 else -1 end) as $rel |
		select(if $rel < 0 then $g != $n else (($n - $g) | fabs) > $rel * ($g | fabs) end) |
		$k' "$g" | sed "s|^|$case |"
	[ "$(jq -r .digest "$g")" = "$(jq -r .digest "$rep")" ] || echo "$case digest"
done | sort >"$work/changed/expected"
grep -E '^(iotlb|stage2|smmuv3)' "$work/changed/table" | awk '{print $1, $2}' | sort \
	>"$work/changed/reported"
[ -s "$work/changed/expected" ] || fail "the model change moved nothing"
grep -q " tlb_hit_rate" "$work/changed/expected" || fail "tlb_hit_rate did not move"
cmp -s "$work/changed/expected" "$work/changed/reported" ||
	fail "reported rows differ from the statistics that moved: $(diff "$work/changed/expected" "$work/changed/reported")"
grep -q 'failures="4"' "$work/changed/junit.xml" || fail "JUnit: 4 failures expected"
[ "$(sum_golden)" = "$before" ] || fail "regress run changed a golden file"

# --- the kernel-source note comes before any statistic ---
mkdir -p "$work/kernel/golden"
for g in "$golden"/*.json; do
	jq '.kernel_source = "6.12.0-other"' "$g" >"$work/kernel/golden/$(basename "$g")"
done
sed -e "s|^golden: .*|golden: $work/kernel/golden|" -e "s|\.\./\.\./scenarios|$src/scenarios|" \
	"$suite" >"$work/kernel/suite.yaml"
"$bin" regress run "$work/kernel/suite.yaml" -o "$work/kernel/out" --history none \
	>"$work/kernel/table" 2>&1 || fail "another kernel alone is no change"
head -1 "$work/kernel/table" | grep -q "^kernel source differs: 6 golden file(s) made with 6.12.0-other" ||
	fail "no kernel-source note first: $(head -2 "$work/kernel/table")"
grep -q "kernel source differs" "$work/kernel/out/summary.md" || fail "summary.md lacks the note"

# --- bless writes the golden files; run never does ---
mkdir -p "$work/bless"
sed -e "s|^golden: .*|golden: $work/bless/golden|" -e "s|\.\./\.\./scenarios|$src/scenarios|" \
	"$suite" >"$work/bless/suite.yaml"
expect 2 "no golden file" "$bin" regress run "$work/bless/suite.yaml" -o "$work/bless/out" \
	--history none
[ ! -e "$work/bless/out/results.json" ] || fail "results written despite a missing golden file"
expect 0 "blessed 6 golden file(s)" "$bin" regress bless "$work/bless/suite.yaml" -j 2 \
	-o "$work/bless/out"
echo '{}' >"$work/bless/golden/gone,seed=9.json"
expect 0 "gone,seed=9.json is the golden file of no case" "$bin" regress bless \
	"$work/bless/suite.yaml" -o "$work/bless/out"
[ -e "$work/bless/golden/gone,seed=9.json" ] || fail "bless removed a file"
# (the suite copy names its scenarios by absolute paths; a golden file
# records the kernel source it was made with, which is this build's)
kernel=$("$bin" --version | sed -n 's/.*(kernel source \([^)]*\)).*/\1/p')
for g in "$golden"/*.json; do
	blessed="$work/bless/golden/$(basename "$g")"
	[ "$(jq -S 'del(.scenario, .kernel_source)' "$g")" = \
	  "$(jq -S 'del(.scenario, .kernel_source)' "$blessed")" ] ||
		fail "bless made a different $(basename "$g") than the committed one"
	[ "$(jq -r .kernel_source "$blessed")" = "$kernel" ] ||
		fail "bless recorded kernel $(jq -r .kernel_source "$blessed"), not this build's $kernel"
done

# --- bad input: exit 2 and file:line ---
bad=$work/bad.yaml
printf 'name: bad\ngolden: g\nentries:\n  - name: x\n    scenario: nope.yaml\n' >"$bad"
expect 2 "bad.yaml:4: entry 'x': .*nope.yaml" "$bin" regress run "$bad"
printf 'name: bad\ngolden: g\nentries:\n  - name: x\n    scenario: s.yaml\n    colour: red\n' >"$bad"
expect 2 "bad.yaml:6: unknown key 'colour'" "$bin" regress run "$bad"
printf 'name: bad\ngolden: g\nstats:\n  requests: { rel: lots }\nentries: [ { name: x, scenario: s } ]\n' >"$bad"
expect 2 "bad.yaml:4: stats.requests.rel: 'lots'" "$bin" regress run "$bad"
printf 'name: bad\ngolden: g\nentries:\n  - name: [x\n' >"$bad"
expect 2 "bad.yaml:[0-9]*:" "$bin" regress run "$bad"
printf 'name: bad\ngolden: g\nentries:\n  - { name: x, scenario: %s/scenarios/sweep-iotlb.yaml, sweep: { seed: [a/b] } }\n' "$src" >"$bad"
expect 2 "bad.yaml:4: sweep.seed: 'a/b' cannot name a golden file" "$bin" regress run "$bad"
sed -e "s|^golden: .*|golden: $golden|" -e "s|\.\./\.\./scenarios|$src/scenarios|" \
    -e "s|^  sim_time_ns:|  no_such.statistic:|" "$suite" >"$work/badstat.yaml"
expect 2 "badstat.yaml:[0-9]*: statistic no_such.statistic is not in the golden file" \
	"$bin" regress run "$work/badstat.yaml" -o "$work/badstat"
expect 2 "nosuch.yaml: No such file" "$bin" regress run "$work/nosuch.yaml"
expect 2 "usage" "$bin" regress run
expect 2 "no entry named 'zz'" "$bin" regress run "$suite" --entry zz
expect 2 "manifest.json" "$bin" regress collect "$work/nowhere"

# --- history: every run appends; the series and its plot ---
db=$work/history.sqlite
for i in 1 2; do
	"$bin" regress run "$suite" -o "$work/h$i" --history "$db" -q || fail "history run $i"
done
"$bin" regress run "$work/changed/suite.yaml" -o "$work/h3" --history "$db" -q
expect 0 "iotlb,sets=16,seed=1 .*3 " "$bin" regress history "iotlb,sets=16,seed=1" tlb_hit_rate \
	--db "$db" --plot "$work/history.svg"
[ "$("$bin" regress history iotlb tlb_hit_rate --db "$db" | grep -c '^iotlb,')" -eq 12 ] ||
	fail "history of the entry iotlb: 12 rows (4 cases x 3 runs) expected"
grep -q "<svg" "$work/history.svg" || fail "no history plot"
expect 2 "no record" "$bin" regress history nothing tlb_hit_rate --db "$db"

echo "regress_cli: $fails failure(s)"
[ $fails -eq 0 ]
