package cli

import "runtime/debug"

// version is what `seslint version` and SARIF report: the -ldflags value
// when a release sets one, else the module version Go records in binaries
// built with `go install module@version`, else "dev".
func version() string {
	if Version != "dev" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return Version
}
