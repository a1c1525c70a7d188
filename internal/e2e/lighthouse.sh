#!/usr/bin/env bash
# Scores the home, document and advances pages with Lighthouse, on phone and desktop, against
# the binary serving the data set on a free local port. Run it as `make lighthouse`, which
# builds the binary and installs Lighthouse first. It is slow, so it is not part of the tests.
#
# usage: lighthouse.sh BINARY
set -euo pipefail

# A database of its own, so that the scores are those of the shipped data set and not of what
# a developer loaded into `make run`'s. serve -dev creates it and loads the data set.
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hrdtracker_lighthouse?sslmode=disable}

bin=$(realpath "${1:?usage: lighthouse.sh BINARY}")
here=$(cd "$(dirname "$0")" && pwd)
pages=(/ /documents/A-73-230 /advances)

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Port 0: the kernel picks a free port, and the server prints the address it got.
ADDR=127.0.0.1:0 "$bin" serve -dev >"$work/serve.log" 2>&1 &
pid=$!
base=
for _ in $(seq 150); do
  base=$(sed -n 's|^serving .* on \(http://[^ ]*\)$|\1|p' "$work/serve.log")
  [ -n "$base" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the server stopped:" >&2
    cat "$work/serve.log" >&2
    exit 1
  fi
  sleep 0.2
done
[ -n "$base" ] || { echo "the server did not start in 30 s:" >&2; cat "$work/serve.log" >&2; exit 1; }
# serve -dev loads the data set only into an empty database: bring an older copy up to date.
"$bin" import "$here/../dataset/seed/a-73-230.yaml" >/dev/null
echo "scoring $base with $("$here/node_modules/.bin/lighthouse" --version) on $(/usr/bin/chromium --version 2>/dev/null)"

# Debian's Chromium, with the flags of the browser tests (internal/pagetypes names them).
# chrome-launcher gives each run a fresh profile of its own.
export CHROME_PATH=/usr/bin/chromium
flags=$(cd "$here/../.." && go run ./internal/pagetool chromium-flags)

for form in mobile desktop; do
  preset=()
  [ "$form" = desktop ] && preset=(--preset=desktop)
  for i in "${!pages[@]}"; do
    "$here/node_modules/.bin/lighthouse" "$base${pages[$i]}" "${preset[@]}" \
      --chrome-flags="$flags" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$work/$form-$i.json" --quiet
  done
done

# The score table, from Lighthouse's JSON reports.
node - "$work" "${pages[@]}" <<'EOF'
const fs = require('fs');
const [dir, ...pages] = process.argv.slice(2);
const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
const row = cells => cells.map((c, i) => String(c).padEnd(i === 0 ? 22 : i === 1 ? 9 : 15)).join('').trimEnd();
console.log(row(['page', 'form', ...cats]));
for (const form of ['mobile', 'desktop']) {
  pages.forEach((page, i) => {
    const r = JSON.parse(fs.readFileSync(`${dir}/${form}-${i}.json`, 'utf8'));
    const failing = Object.values(r.audits)
      .filter(a => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map(a => `${a.id} (${a.title})`);
    console.log(row([page, form, ...cats.map(c => Math.round(r.categories[c].score * 100))]));
    for (const f of failing) console.log('    fails ' + f);
  });
}
EOF
