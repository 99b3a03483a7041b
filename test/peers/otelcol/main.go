// The OpenTelemetry Collector that sealog's interop tests and bench run as a
// peer: the core and contrib components those tests need, pinned to one
// release line in go.mod (core v1.54.0 / v0.148.0, contrib v0.148.0). This is
// what the Collector's builder would generate from a manifest; we keep it by
// hand so the peer is built from published modules with `go build` alone.
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
