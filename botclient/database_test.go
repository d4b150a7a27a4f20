package botclient

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// testServer is the PostgreSQL the package's tests use, or a skip.
func testServer(t *testing.T) (Server, *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	srv, err := FindServer(ctx, ServerOptions{URL: os.Getenv("CAAS_DATABASE_URL")})
	if err != nil {
		t.Skipf("no PostgreSQL: %v", err)
	}
	conn, err := pgx.Connect(ctx, srv.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return srv, conn
}

// testSchema is a schema of its own (a random version, so no other run
// shares its template) whose Migrate counts its calls; its templates are
// dropped when the test ends.
func testSchema(t *testing.T, conn *pgx.Conn, migrations *atomic.Int32) Schema {
	t.Helper()
	s := Schema{Kind: "tpltest", Version: randomHex(6), Migrate: func(ctx context.Context, dsn string) error {
		migrations.Add(1)
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return err
		}
		defer c.Close(context.Background())
		_, err = c.Exec(ctx, "create table greeting (said text); insert into greeting values ('hola')")
		return err
	}}
	t.Cleanup(func() { dropLike(t, conn, s.templatePrefix()) })
	return s
}

func dropLike(t *testing.T, conn *pgx.Conn, prefix string) {
	t.Helper()
	rows, err := conn.Query(context.Background(), "select datname from pg_database where starts_with(datname, $1)", prefix)
	if err != nil {
		t.Error(err)
		return
	}
	names, _ := pgx.CollectRows(rows, pgx.RowTo[string])
	for _, n := range names {
		if err := dropDatabase(context.Background(), conn, n); err != nil {
			t.Error(err)
		}
	}
}

func exists(t *testing.T, conn *pgx.Conn, name string) bool {
	t.Helper()
	var n int
	if err := conn.QueryRow(context.Background(), "select count(*) from pg_database where datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func TestDatabasesAreClonesOfATemplateMigratedOnce(t *testing.T) {
	srv, conn := testServer(t)
	ctx := context.Background()
	var migrations atomic.Int32
	schema := testSchema(t, conn, &migrations)
	for i := range 3 {
		dsn, drop, err := createDatabase(ctx, srv, schema, "tpltest_clone_"+strconv.Itoa(i))
		if err != nil {
			t.Fatal(err)
		}
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		var said string
		err = c.QueryRow(ctx, "select said from greeting").Scan(&said)
		c.Close(ctx)
		if err != nil || said != "hola" {
			t.Errorf("clone %d: select said from greeting = %q, %v; want the template's row", i, said, err)
		}
		if err := drop(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := migrations.Load(); n != 1 {
		t.Errorf("three databases ran the migrations %d times, want once (the template)", n)
	}
	var template, connectable bool
	err := conn.QueryRow(ctx, "select datistemplate, datallowconn from pg_database where starts_with(datname, $1)", schema.templatePrefix()).Scan(&template, &connectable)
	if err != nil {
		t.Fatal(err)
	}
	if !template || connectable {
		t.Errorf("the template has datistemplate=%v datallowconn=%v, want true and false (a connection to it would break every clone)", template, connectable)
	}
}

// Test binaries start at once and each asks for the template: one
// migrates, the others wait on the advisory lock and clone what it made.
func TestTemplatesMadeAtOnceByManyProcessesAreMigratedOnce(t *testing.T) {
	srv, conn := testServer(t)
	var migrations atomic.Int32
	schema := testSchema(t, conn, &migrations)
	var wg sync.WaitGroup
	names := make([]string, 4)
	errs := make([]error, 4)
	for i := range names {
		wg.Go(func() {
			// a cache per goroutine: as if each were its own process
			c := &templateCache{made: map[string]*templateOnce{}}
			names[i], errs[i] = c.get(context.Background(), srv, schema)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for _, n := range names[1:] {
		if n != names[0] {
			t.Errorf("templates %v, want one name for all", names)
			break
		}
	}
	if n := migrations.Load(); n != 1 {
		t.Errorf("four processes migrated %d times, want once", n)
	}
}

// A half-made template (a run killed while migrating it) is not cloned:
// it is made again.
func TestAHalfMadeTemplateIsMadeAgain(t *testing.T) {
	srv, conn := testServer(t)
	ctx := context.Background()
	var migrations atomic.Int32
	schema := testSchema(t, conn, &migrations)
	half := schema.templatePrefix() + strconv.FormatInt(time.Now().Unix(), 36)
	if _, err := conn.Exec(ctx, "create database "+pgx.Identifier{half}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	name, err := ensureTemplate(ctx, srv, schema)
	if err != nil {
		t.Fatal(err)
	}
	if migrations.Load() != 1 {
		t.Errorf("migrations ran %d times, want once for the new template", migrations.Load())
	}
	var template bool
	if err := conn.QueryRow(ctx, "select datistemplate from pg_database where datname = $1", name).Scan(&template); err != nil || !template {
		t.Errorf("%s: datistemplate = %v (%v), want a finished template", name, template, err)
	}
}

// A template another process swept after this one looked it up is made
// again, once, instead of failing the clone.
func TestACloneOfATemplateDroppedMeanwhileMakesItAgain(t *testing.T) {
	srv, conn := testServer(t)
	ctx := context.Background()
	var migrations atomic.Int32
	schema := testSchema(t, conn, &migrations)
	_, drop, err := createDatabase(ctx, srv, schema, "tpltest_gone_1")
	if err != nil {
		t.Fatal(err)
	}
	_ = drop(ctx)
	dropLike(t, conn, schema.templatePrefix())
	_, drop, err = createDatabase(ctx, srv, schema, "tpltest_gone_2")
	if err != nil {
		t.Fatalf("cloning after the template was dropped: %v", err)
	}
	_ = drop(ctx)
	if n := migrations.Load(); n != 2 {
		t.Errorf("migrations ran %d times, want twice (the template, then its replacement)", n)
	}
}

func TestSweepDropsOnlyOldAbandonedTestDatabasesAndSupersededTemplates(t *testing.T) {
	srv, conn := testServer(t)
	ctx := context.Background()
	// kinds of this test alone: a sweep of another run at the same moment
	// (of its own kind) must not reach these
	kind, other := "sweep"+randomHex(3), "other"+randomHex(3)
	current := Schema{Kind: kind, Version: randomHex(6)}
	old := time.Now().Add(-3 * time.Hour)
	stamp := func(at time.Time) string { return strconv.FormatInt(at.Unix(), 36) }
	dbs := map[string]bool{ // name → kept by the sweep
		"caas_sweeptest_" + stamp(old) + randomHex(3):                     false,
		"caas_sweeptest_" + stamp(time.Now()) + randomHex(3):              true,
		current.templatePrefix() + stamp(old):                             true, // the one in use, however old
		"caas_tpl_" + kind + "_" + randomHex(6) + "_" + stamp(old):        false,
		"caas_tpl_" + kind + "_" + randomHex(6) + "_" + stamp(time.Now()): true, // another version, but recent
		"caas_tpl_" + other + "_" + randomHex(6) + "_" + stamp(old):       true, // another bot's
	}
	for name := range dbs {
		if _, err := conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = dropDatabase(context.Background(), conn, name) })
	}
	sweepStale(ctx, srv.DSN, current)
	for name, kept := range dbs {
		if got := exists(t, conn, name); got != kept {
			t.Errorf("%s: kept = %v, want %v", name, got, kept)
		}
	}
}

func TestWithNoDatabaseAndNoDockerTheErrorSaysHowToGetOneWithinASecond(t *testing.T) {
	noDocker := func(context.Context) (string, error) { return "", ErrNoDocker }
	start := time.Now()
	_, err := findServer(context.Background(), ServerOptions{StartContainer: noDocker}, "postgres://postgres@127.0.0.1:1/postgres?connect_timeout=1")
	took := time.Since(start)
	if err == nil || err.Error() != NoDatabaseHelp {
		t.Fatalf("findServer = %v, want %q", err, NoDatabaseHelp)
	}
	if took > 1500*time.Millisecond {
		t.Errorf("finding no database took %v, want well under 1.5 s (no PostgreSQL, no Docker)", took)
	}
}

func TestAContainerThatFailsToStartIsReportedWithTheWayOut(t *testing.T) {
	broken := func(context.Context) (string, error) { return "", errors.New("image pull refused") }
	_, err := findServer(context.Background(), ServerOptions{StartContainer: broken}, "postgres://postgres@127.0.0.1:1/postgres?connect_timeout=1")
	want := "starting PostgreSQL in Docker: image pull refused; " + NoDatabaseHelp
	if err == nil || err.Error() != want {
		t.Fatalf("findServer = %v, want %q", err, want)
	}
}

func TestAGivenDatabaseURLThatDoesNotAnswerIsAnErrorNamingItWithoutItsPassword(t *testing.T) {
	_, err := findServer(context.Background(), ServerOptions{URL: "postgres://u:hunter2@127.0.0.1:1/postgres?connect_timeout=1"}, LocalPostgres)
	if err == nil {
		t.Fatal("an unreachable CAAS_DATABASE_URL was accepted")
	}
	if msg := err.Error(); !strings.Contains(msg, "CAAS_DATABASE_URL") || strings.Contains(msg, "hunter2") {
		t.Errorf("error %q: want it to name CAAS_DATABASE_URL and not the password", msg)
	}
}

// A server that answers and refuses is not "no PostgreSQL": the message
// says what it refused with.
func TestALocalServerThatRefusesTheTestsIsReportedAsSuch(t *testing.T) {
	testServer(t) // skips without a PostgreSQL to refuse us
	_, err := findServer(context.Background(), ServerOptions{}, "postgres://caas_no_such_role@127.0.0.1:5432/postgres?sslmode=disable&connect_timeout=2")
	if err == nil || !strings.Contains(err.Error(), "answers but refuses") || !strings.Contains(err.Error(), "SQLSTATE 28000") {
		t.Fatalf("findServer = %v, want the server's refusal with its SQLSTATE", err)
	}
}
