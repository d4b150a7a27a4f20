package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/refbot/products"
)

func TestAMisspeltFieldInAProductFileIsReportedWithItsLineAndTheFieldMeant(t *testing.T) {
	raw, err := products.FS.ReadFile("voyachat.yaml")
	if err != nil {
		t.Fatal(err)
	}
	line := 0
	for i, l := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(l, "bot_name:") {
			line = i + 1
			break
		}
	}
	if line == 0 {
		t.Fatal("voyachat.yaml has no top-level bot_name: to misspell")
	}
	broken := strings.Replace(string(raw), "\nbot_name:", "\nbot_nmae:", 1)

	_, err = decodeProduct("voyachat", "refbot/products/voyachat.yaml", []byte(broken))
	want := fmt.Sprintf(`refbot/products/voyachat.yaml:%d: bot_nmae: unknown field; did you mean "bot_name"?`, line)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v\nwant a problem containing %s", err, want)
	}
}
