package testutil

import (
	"context"
	"strings"
	"testing"
)

func TestTheDatabaseURLIsTheLastLineCaasDBUpPrints(t *testing.T) {
	got, err := runDBUp(context.Background(), []string{"sh", "-c", "echo pulling >&2; echo caas db up: ready; echo postgres://postgres:postgres@127.0.0.1:49153/postgres?sslmode=disable"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "postgres://postgres:postgres@127.0.0.1:49153/postgres?sslmode=disable"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCaasDBUpFailingOrPrintingNoURLIsAnError(t *testing.T) {
	for name, script := range map[string]string{
		"exits 3":       "echo 'no Docker engine answers' >&2; exit 3",
		"prints no URL": "echo started",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := runDBUp(context.Background(), []string{"sh", "-c", script})
			if err == nil || !strings.Contains(err.Error(), "-c") {
				t.Errorf("runDBUp = %v, want an error naming the command", err)
			}
		})
	}
}
