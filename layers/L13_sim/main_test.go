package l13sim_test

import (
	"testing"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }
