#!/usr/bin/env bash
# Builds the test peers that the interop tests and the bench run beside sealog:
# today the OpenTelemetry Collector from test/peers/otelcol (pinned in its
# go.mod/go.sum) into .peers/otelcol. Reuses an existing binary while go.sum and
# the Go sources are unchanged (their hash is stored in .peers/otelcol.sum).
# Go is needed only here: the product, `npm ci` and `npm test` never need it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/test/peers/otelcol"
out="$root/.peers/otelcol"
stamp="$root/.peers/otelcol.sum"

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<'MSG'
npm run peers: Go is not installed, so the OpenTelemetry Collector test peer cannot be built.
  Install Go 1.25 or newer (Debian: `apt-get install golang-go` if its version is new enough,
  or the official tarball from the Go project), make sure `go` is on PATH and the Go module
  proxy is reachable, then run `npm run peers` again. It builds test/peers/otelcol into
  .peers/otelcol. `npm test` does not need it; `npm run test:interop` and the Collector rows
  of `npm run bench` do.
MSG
  exit 3
fi

want="$(cat "$src/go.mod" "$src/go.sum" "$src"/*.go | sha256sum | cut -d' ' -f1) $(go env GOVERSION)"
if [[ -x "$out" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "npm run peers: .peers/otelcol is up to date ($("$out" --version 2>/dev/null || echo built))"
  exit 0
fi

mkdir -p "$root/.peers"
echo "npm run peers: building the OpenTelemetry Collector peer from test/peers/otelcol (first build downloads modules and takes several minutes)"
start=$SECONDS
# -p 2: the machines this runs on have 2 cores shared with other work.
(cd "$src" && GOFLAGS="${GOFLAGS:--mod=readonly} -p=2" CGO_ENABLED=0 \
  go build -trimpath -ldflags='-s -w' -o "$out.tmp" .)
mv -f "$out.tmp" "$out"
printf '%s\n' "$want" > "$stamp"
echo "npm run peers: built .peers/otelcol in $((SECONDS - start)) s ($("$out" --version))"
