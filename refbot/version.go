package refbot

import "runtime/debug"

// moduleVersion is the main module's version when built from a tagged
// module, else "dev" (go run and go test builds carry "(devel)").
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "dev"
	}
	return info.Main.Version
}
