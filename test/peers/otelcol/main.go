// The OpenTelemetry Collector that sealog's interop tests and bench run as a
// peer: the core and contrib components those tests need, pinned to one
// release line in go.mod (core v1.54.0 / v0.148.0, contrib v0.148.0). This is
// what the Collector's builder would generate from a manifest; we keep it by
// hand so the peer is built from published modules with `go build` alone.
//
// Why this release line and not a newer one: every Collector module must be
// of one release. The environment's list of Go modules that passed `go get`
// on this machine's Go (go-partial.tsv, 2026-12-01/02) takes the newest line,
// core v1.71.0 / v0.165.0 with contrib v0.165.1, for otelcol, service, the
// filelog receiver and file_storage, but contrib's fileexporter only up to
// v0.161.0 (newer ones failed or were not tried), so that line cannot hold
// the whole set. The list names v0.148.0 with core v1.54.0 as a release that
// goes together, and this set builds at it. The v0.161.0 line may hold every
// module used here, but the list does not cover the core exporters and it
// was not tried: moving to it is a known follow-up (one cold `npm run peers`,
// about 22 minutes on a loaded 2-core machine). Why exactly v0.148.0 was
// picked over other lines was not recorded when it was pinned.
package main

import (
	"log"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/provider/envprovider"
	"go.opentelemetry.io/collector/confmap/provider/fileprovider"
	"go.opentelemetry.io/collector/confmap/provider/yamlprovider"
	"go.opentelemetry.io/collector/otelcol"
)

func main() {
	settings := otelcol.CollectorSettings{
		BuildInfo: component.BuildInfo{
			Command:     "otelcol-sealog-peer",
			Description: "OpenTelemetry Collector built for sealog's interop tests and bench",
			Version:     "0.148.0-sealog",
		},
		Factories: components,
		ConfigProviderSettings: otelcol.ConfigProviderSettings{
			ResolverSettings: confmap.ResolverSettings{
				ProviderFactories: []confmap.ProviderFactory{
					envprovider.NewFactory(),
					fileprovider.NewFactory(),
					yamlprovider.NewFactory(),
				},
			},
		},
	}
	if err := otelcol.NewCommand(settings).Execute(); err != nil {
		log.Fatalf("collector finished with error: %v", err)
	}
}
