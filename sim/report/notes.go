package report

import (
	"fmt"
	"strings"
)

// The parts of a report that say how far to trust its numbers: what the
// run ran against, the scenarios it could not score, and the earlier run
// it could not be compared with.

// writeRunNotes writes the identity and the errored scenarios under the
// title of report.md.
func writeRunNotes(b *strings.Builder, r Run) {
	if r.Identity != nil {
		fmt.Fprintf(b, "Ran against: %s\n\n", r.Identity.Line())
	}
	if len(r.Errored) == 0 {
		return
	}
	fmt.Fprintf(b, "**%d scenario(s) errored**: their play failed outside the bot's conversation, so they are not scored, averaged or compared; resume the run (the same run id) to play them again.\n\n", len(r.Errored))
	for _, e := range r.Errored {
		fmt.Fprintf(b, "- `%s`: %s\n", e.ID, oneLine(e.Cause))
	}
	b.WriteString("\n")
}

// writeUncompared says, in place of the changes, why there are none.
func writeUncompared(b *strings.Builder, u *Uncompared) {
	fmt.Fprintf(b, "\n## Not compared\n\n%s. Nothing is called a regression across runs that differ so.\n", strings.ToUpper(u.String()[:1])+u.String()[1:])
}

// notesView is what report.html shows of the same.
type notesView struct {
	Identity   string
	Errored    []Errored
	Uncompared string
}

func newNotesView(r Run) notesView {
	v := notesView{Errored: r.Errored}
	if r.Identity != nil {
		v.Identity = r.Identity.Line()
	}
	if r.Uncompared != nil {
		v.Uncompared = r.Uncompared.String()
	}
	return v
}
