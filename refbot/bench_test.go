package refbot_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/refbot"
)

// BenchmarkSignedWebhookToReply measures what Meta sees: a signed text
// webhook POSTed until its 200, which the bot answers only once the reply
// is committed. 64 test phones send at once (closed loop: each sends its
// next message when the last one was answered); phones=1 shows the
// unloaded latency. CAAS_BENCH_POOL overrides the pool size for tuning.
func BenchmarkSignedWebhookToReply(b *testing.B) {
	pool := int32(0) // refbot.DefaultMaxConns
	if v := os.Getenv("CAAS_BENCH_POOL"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(b, err, "CAAS_BENCH_POOL")
		pool = int32(n)
	}
	for _, phones := range []int{1, 64} {
		b.Run(fmt.Sprintf("phones=%d", phones), func(b *testing.B) {
			benchWebhooks(b, phones, pool)
		})
	}
}

func benchWebhooks(b *testing.B, phones int, pool int32) {
	bot := startBot(b, func(c *refbot.Config) { c.MaxConns = pool })
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: phones, MaxConnsPerHost: phones}}
	url := bot.srv.URL() + "/webhook/whatsapp"
	numbers := make([]string, phones)
	for i := range numbers {
		numbers[i] = newPhone()
	}
	var next atomic.Int64
	latencies := make([][]time.Duration, phones)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for p := range phones {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				body := envelope(textMessage(numbers[p], newWamid(), "quiero viajar a Lisboa en mayo"))
				req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Hub-Signature-256", metaSignature(body, bot.cfg.AppSecret))
				sent := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				resp.Body.Close()
				latencies[p] = append(latencies[p], time.Since(sent))
				if resp.StatusCode != http.StatusOK {
					b.Errorf("status %d", resp.StatusCode)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()

	all := slices.Concat(latencies...)
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	pct := func(q float64) float64 {
		return float64(all[int(q*float64(len(all)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "msgs/s")

	var replied int
	err := testDB.pool.QueryRow(ctxFor(b), `select count(*) from messages where direction = 'in' and processed_at is not null and phone = any($1)`, numbers).Scan(&replied)
	require.NoError(b, err)
	require.Equal(b, len(all), replied, "every answered webhook has its turn committed")
}
