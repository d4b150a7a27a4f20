package runner

import (
	"sort"
	"strings"

	"github.com/caas-testing/caas-testing/botclient"
)

// Redactor returns the function every text of a run passes through before
// it is written or printed: the manifest's secrets (m.Redact) and the
// secrets the target signs with (an embedded bot's are random and unknown
// to the manifest), then extra when it is not nil.
func Redactor(tg *botclient.Target, extra func(string) string) func(string) string {
	secrets := tg.SecretValues()
	// Longest first, so a secret that contains another is replaced whole.
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	m := tg.M
	return func(s string) string {
		if s == "" {
			return s
		}
		s = m.Redact(s)
		for _, v := range secrets {
			if v != "" {
				s = strings.ReplaceAll(s, v, "[REDACTED]")
			}
		}
		if extra != nil {
			s = extra(s)
		}
		return s
	}
}
