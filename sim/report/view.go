package report

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/caas-testing/caas-testing/sim/judge"
)

// Colours of the rubric dimensions, shared by every chart and the legend.
var dimensionColors = map[judge.Dimension]string{
	judge.Completion:       "#2563eb",
	judge.Safety:           "#059669",
	judge.PhaseCorrectness: "#d97706",
	judge.Identity:         "#7c3aed",
	judge.Recovery:         "#0891b2",
}

const (
	colorUp    = "#16a34a"
	colorDown  = "#dc2626"
	colorTrack = "#e5e7eb"
)

// page is everything report.html shows, with chart geometry worked out
// here so the template only places numbers.
type page struct {
	Bot, RunID, Started, Duration, PreviousRunID string
	Average                                      string
	AverageClass                                 string
	Scenarios, High, Medium, Low                 int
	Regressions                                  int
	Legend                                       []legendItem
	Bars                                         barChart
	Dims                                         dimChart
	Deltas                                       *deltaChart
	Comparison                                   *comparisonView
	Details                                      []detailView
	Transcripts                                  []transcriptLink
	Notes                                        notesView
}

type legendItem struct{ Name, Color string }

type barChart struct {
	Width, Height int
	BarX, Unit    int // Unit: pixels per point
	BarH          int
	Rows          []barRow
	Ticks         []tick
}

type tick struct {
	X     int
	Label string
}

type barRow struct {
	BarY, TextY, SubY   int
	ID, Persona, Anchor string
	Segments            []segment
	TrackW              int
	Total               string
	TotalX              int
	Delta               string
	DeltaColor          string
	DeltaX              int
}

type segment struct {
	X, W         int
	Color, Title string
}

type dimChart struct {
	Width, Height int
	Rows          []dimRow
}

type dimRow struct {
	BarY, TextY  int
	Label, Value string
	X, W, TrackW int
	Color        string
}

type deltaChart struct {
	Width, Height, Center int
	Left, Span            int // the band the bars may use
	Rows                  []deltaRow
}

type deltaRow struct {
	BarY, TextY     int
	ID              string
	X, W            int
	Color, Label    string
	LabelX          int
	LabelAnchor     string
	PreviousCurrent string
}

type comparisonView struct {
	Threshold    int
	Regressions  []regressionView
	Improvements []string
	New, Removed []string
}

type regressionView struct {
	ID, Change, Reason string
	Causes             []findingView
}

type detailView struct {
	Anchor, ID, Persona, Category string
	Total                         int
	TotalClass                    string
	Dims                          []dimPill
	Findings                      []findingView
	Delta, DeltaClass             string
	Conversation                  *conversationView // nil: the run lists no transcript of the scenario
}

type dimPill struct {
	Name, Color string
	Score, Max  int
	Full        bool
}

type findingView struct {
	Turn, Dimension, Points, Severity, Rule, Message, Evidence, DimColor string
	TurnAnchor                                                           string // the turn in the conversation; "" when it has none
}

type transcriptLink struct {
	Path string
	Link bool
}

func newPage(r Run) page {
	avg := average(r.Results)
	p := page{
		Bot: r.Bot, RunID: r.RunID, PreviousRunID: r.PreviousRunID,
		Started:   r.StartedAt.UTC().Format("2006-01-02 15:04 MST"),
		Duration:  formatDuration(r.Duration),
		Average:   fmt.Sprintf("%.1f", avg.Total),
		Scenarios: len(r.Results),
	}
	p.AverageClass = scoreClass(int(math.Round(avg.Total)))
	p.Notes = newNotesView(r)
	for _, d := range judge.AllDimensions {
		p.Legend = append(p.Legend, legendItem{Name: string(d), Color: dimensionColors[d]})
	}
	for _, res := range r.Results {
		for _, f := range res.Findings {
			switch f.Severity {
			case judge.High:
				p.High++
			case judge.Medium:
				p.Medium++
			case judge.Low:
				p.Low++
			}
		}
	}
	deltas := map[string]int{}
	has := map[string]bool{}
	if r.Comparison != nil {
		for _, d := range r.Comparison.Deltas {
			deltas[d.ScenarioID], has[d.ScenarioID] = d.Total, true
		}
		p.Regressions = len(r.Comparison.Regressions)
		p.Comparison = newComparisonView(r.Comparison)
		p.Deltas = newDeltaChart(r.Comparison)
	}
	p.Bars = newBarChart(r.Results, deltas, has)
	p.Dims = newDimChart(avg)
	for _, res := range r.Results {
		p.Details = append(p.Details, newDetail(res, deltas[res.ScenarioID], has[res.ScenarioID]))
	}
	for _, t := range r.Transcripts {
		p.Transcripts = append(p.Transcripts, transcriptLink{Path: t, Link: !filepath.IsAbs(t) && !strings.Contains(t, ":")})
	}
	return p
}

// anchor is the id of a scenario's detail section.
func anchor(scenarioID string) string { return "s-" + scenarioID }

func scoreClass(total int) string {
	switch {
	case total >= 90:
		return "good"
	case total >= 70:
		return "fair"
	}
	return "poor"
}

func newBarChart(rs []judge.Result, deltas map[string]int, has map[string]bool) barChart {
	const rowH, barH = 44, 20
	c := barChart{Width: 1000, BarX: 260, Unit: 6, BarH: barH}
	top := 24
	for v := 0; v <= 100; v += 25 {
		c.Ticks = append(c.Ticks, tick{X: c.BarX + v*c.Unit, Label: fmt.Sprint(v)})
	}
	for i, r := range rs {
		y := top + i*rowH
		row := barRow{BarY: y + 8, TextY: y + 19, SubY: y + 34, ID: clip(r.ScenarioID, 34), Persona: clip(r.Persona, 38),
			Anchor: anchor(r.ScenarioID),
			TrackW: 100 * c.Unit, Total: fmt.Sprint(r.Total), TotalX: c.BarX + 100*c.Unit + 12}
		x := c.BarX
		for _, d := range judge.AllDimensions {
			v := r.Dimensions.Get(d)
			if v <= 0 {
				continue
			}
			row.Segments = append(row.Segments, segment{X: x, W: v * c.Unit, Color: dimensionColors[d],
				Title: fmt.Sprintf("%s: %d/%d", d, v, judge.Weights.Get(d))})
			x += v * c.Unit
		}
		if has[r.ScenarioID] {
			row.Delta, row.DeltaX = arrow(deltas[r.ScenarioID]), row.TotalX+44
			row.DeltaColor = "#6b7280"
			if deltas[r.ScenarioID] > 0 {
				row.DeltaColor = colorUp
			} else if deltas[r.ScenarioID] < 0 {
				row.DeltaColor = colorDown
			}
		}
		c.Rows = append(c.Rows, row)
	}
	c.Height = top + len(rs)*rowH + 4
	return c
}

func newDimChart(avg averages) dimChart {
	const rowH = 36
	c := dimChart{Width: 1000}
	for i, d := range judge.AllDimensions {
		w := judge.Weights.Get(d)
		frac := 0.0
		if w > 0 {
			frac = avg.Dimensions[d] / float64(w)
		}
		y := 8 + i*rowH
		c.Rows = append(c.Rows, dimRow{BarY: y + 4, TextY: y + 19, Label: string(d),
			Value: fmt.Sprintf("%.1f / %d  (%.0f%%)", avg.Dimensions[d], w, 100*frac),
			X:     260, W: int(math.Round(600 * frac)), TrackW: 600, Color: dimensionColors[d]})
	}
	c.Height = 8 + len(judge.AllDimensions)*rowH
	return c
}

func newDeltaChart(cmp *judge.Comparison) *deltaChart {
	if len(cmp.Deltas) == 0 {
		return nil
	}
	// Columns: scenario, previous → current, the bars diverging from the
	// centre line, and the signed change at the right edge.
	const rowH, half = 32, 250
	c := &deltaChart{Width: 1000, Center: 630, Left: 630 - half, Span: 2 * half}
	biggest := 10
	for _, d := range cmp.Deltas {
		biggest = max(biggest, abs(d.Total))
	}
	scale := float64(half) / float64(biggest)
	for i, d := range cmp.Deltas {
		y := 8 + i*rowH
		w := int(math.Round(float64(abs(d.Total)) * scale))
		row := deltaRow{BarY: y + 4, TextY: y + 18, ID: clip(d.ScenarioID, 34), W: max(w, 2), Label: arrow(d.Total),
			PreviousCurrent: fmt.Sprintf("%d → %d", d.Previous, d.Current), LabelX: c.Width, LabelAnchor: "end"}
		switch {
		case d.Total < 0:
			row.X, row.Color = c.Center-row.W, colorDown
		case d.Total > 0:
			row.X, row.Color = c.Center, colorUp
		default:
			row.X, row.Color = c.Center-1, "#9ca3af"
		}
		c.Rows = append(c.Rows, row)
	}
	c.Height = 8 + len(cmp.Deltas)*rowH
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func newComparisonView(c *judge.Comparison) *comparisonView {
	v := &comparisonView{Threshold: c.Threshold, New: c.New, Removed: c.Removed}
	for _, reg := range c.Regressions {
		rv := regressionView{ID: reg.ScenarioID, Change: fmt.Sprintf("%d → %d (%s)", reg.Previous, reg.Current, arrow(reg.Total)), Reason: reg.Reason}
		for _, f := range reg.Causes {
			rv.Causes = append(rv.Causes, newFindingView(f))
		}
		v.Regressions = append(v.Regressions, rv)
	}
	for _, d := range c.Improvements {
		v.Improvements = append(v.Improvements, fmt.Sprintf("%s %d → %d (%s)", d.ScenarioID, d.Previous, d.Current, arrow(d.Total)))
	}
	return v
}

func newDetail(r judge.Result, delta int, has bool) detailView {
	v := detailView{Anchor: anchor(r.ScenarioID), ID: r.ScenarioID, Persona: r.Persona, Category: r.Category,
		Total: r.Total, TotalClass: scoreClass(r.Total)}
	for _, d := range judge.AllDimensions {
		v.Dims = append(v.Dims, dimPill{Name: string(d), Color: dimensionColors[d], Score: r.Dimensions.Get(d),
			Max: judge.Weights.Get(d), Full: r.Dimensions.Get(d) == judge.Weights.Get(d)})
	}
	for _, f := range r.Findings {
		v.Findings = append(v.Findings, newFindingView(f))
	}
	if has {
		v.Delta = arrow(delta)
		switch {
		case delta > 0:
			v.DeltaClass = "up"
		case delta < 0:
			v.DeltaClass = "down"
		default:
			v.DeltaClass = "same"
		}
	}
	return v
}

func newFindingView(f judge.Finding) findingView {
	turn := "run"
	if f.Turn > 0 {
		turn = fmt.Sprint(f.Turn)
	}
	return findingView{Turn: turn, Dimension: string(f.Dimension), Points: pointsLabel(f),
		Severity: string(f.Severity), Rule: f.Rule, Message: f.Message, Evidence: f.Evidence,
		DimColor: dimensionColors[f.Dimension]}
}
