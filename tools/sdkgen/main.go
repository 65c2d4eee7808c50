// Command sdkgen writes the SDK of a Pulumi package schema for the language whose language host
// cannot be had on these machines (.NET: the Go module proxy does not serve it and there is no
// NuGet here), with the very code generator that host runs: Pulumi's own codegen package. `pulumi
// package gen-sdk` does the same through a language host; the Node.js, Go and Python SDKs are
// made that way.
//
//	sdkgen -schema schema.json -language dotnet -out DIR
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	dotnet "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3/codegen"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noOtherPackages is the loader of a schema that refers to no other package: it loads nothing,
// so generating an SDK never starts a plugin.
type noOtherPackages struct{}

func (noOtherPackages) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; this generator loads no other package", pkg)
}

func (l noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, nil)
}

func (l noOtherPackages) LoadPackageReference(pkg string, v *semver.Version) (schema.PackageReference, error) {
	_, err := l.LoadPackage(pkg, v)
	return nil, err
}

func (l noOtherPackages) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, nil)
}

func main() {
	schemaPath := flag.String("schema", "", "the package schema (JSON)")
	language := flag.String("language", "", "dotnet")
	out := flag.String("out", "", "the folder to write the SDK into")
	flag.Parse()
	if err := run(*schemaPath, *language, *out); err != nil {
		fmt.Fprintf(os.Stderr, "sdkgen: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, language, out string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	// The .NET generator downloads the package's logo; nothing outside the registries is
	// reachable here, so the logo is drawn locally and served under a scheme of our own.
	http.DefaultTransport.(*http.Transport).RegisterProtocol("sdkgen", logoTransport{})
	pkg.LogoURL = "sdkgen://logo.png"
	var files map[string][]byte
	switch language {
	case "dotnet":
		files, err = dotnet.GeneratePackage("livekit-sip-pulumi sdkgen", pkg, nil, nil)
	default:
		return fmt.Errorf("unknown language %q (only dotnet: the other SDKs come from pulumi package gen-sdk)", language)
	}
	if err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// logoTransport answers every request with a 64×64 PNG in LiveKit-ish teal.
type logoTransport struct{}

func (logoTransport) RoundTrip(request *http.Request) (*http.Response, error) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for x := 0; x < 64; x++ {
		for y := 0; y < 64; y++ {
			img.Set(x, y, color.RGBA{R: 0x1f, G: 0xd5, B: 0xf9, A: 0xff})
		}
	}
	var encoded bytes.Buffer
	if err := png.Encode(&encoded, img); err != nil {
		return nil, err
	}
	return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(&encoded), Request: request, Header: http.Header{"Content-Type": {"image/png"}}}, nil
}
