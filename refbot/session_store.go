package refbot

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/caas-testing/caas-testing/refbot/defect"
	"github.com/caas-testing/caas-testing/refbot/engine"
)

// sessionStore loads and locks sessions. The row lock (held until the
// turn's transaction ends) is what serialises concurrent messages of one
// phone.
type sessionStore struct {
	// lost-on-restart seeded defect: sessions are read from this map, filled
	// as turns commit, and only written to the database "for observation".
	// A restart empties it, so a returning customer starts over.
	inMemory bool
	mu       sync.Mutex
	memory   map[string]engine.Session
}

func newSessionStore(d defect.Set) *sessionStore {
	return &sessionStore{inMemory: d.On("lost-on-restart"), memory: map[string]engine.Session{}}
}

// lockedSession is a session read under its row lock.
type lockedSession struct {
	session    engine.Session
	businessID string
	created    bool // the row did not exist: this turn starts the session
}

const sessionColumns = `state, phase, language, data, opted_out, handoff, consent_at is not null, turn, recent, business_phone_id`

// queueLockOrCreate queues, on b, the statement that locks the session row
// of key, creating it in the initial state when missing (the upsert's row
// lock is the FOR UPDATE). A non-empty businessID is remembered for Graph
// sends. When b has run, ls holds the session.
func (st *sessionStore) queueLockOrCreate(b *pgx.Batch, ls *lockedSession, key, product, businessID, initialState, initialPhase string) {
	b.Queue(`
insert into sessions as s (phone, product, state, phase, business_phone_id)
values ($1, $2, $3, $4, $5)
on conflict (phone) do update
   set business_phone_id = case when excluded.business_phone_id <> '' then excluded.business_phone_id else s.business_phone_id end
returning `+sessionColumns+`, (xmax = 0)`, key, product, initialState, initialPhase, businessID).
		QueryRow(func(row pgx.Row) error {
			if err := scanSession(row, key, ls, &ls.created); err != nil {
				return fmt.Errorf("lock session: %w", err)
			}
			st.fromMemory(ls, key, initialState, initialPhase)
			return nil
		})
}

// fromMemory is the lost-on-restart seeded defect's read path: the session
// the database returned is replaced by the in-memory one, or by a brand-new
// one when memory has none (after a restart).
func (st *sessionStore) fromMemory(ls *lockedSession, key, initialState, initialPhase string) {
	if !st.inMemory {
		return
	}
	st.mu.Lock()
	mem, ok := st.memory[key]
	st.mu.Unlock()
	if ok {
		ls.session = mem
		return
	}
	ls.session = engine.Session{Phone: key, State: initialState, Phase: initialPhase, Language: "es", Data: map[string]string{}}
	ls.created = true
}

// lockExisting locks the session row of key; found is false when the
// phone has no session.
func (st *sessionStore) lockExisting(ctx context.Context, q dbConn, key string) (ls lockedSession, found bool, err error) {
	row := q.QueryRow(ctx, `select `+sessionColumns+` from sessions where phone = $1 for update`, key)
	err = scanSession(row, key, &ls, nil)
	if errors.Is(err, pgx.ErrNoRows) {
		return ls, false, nil
	}
	if err != nil {
		return ls, false, fmt.Errorf("lock session: %w", err)
	}
	if st.inMemory {
		st.mu.Lock()
		mem, ok := st.memory[key]
		st.mu.Unlock()
		if ok {
			ls.session = mem
		}
	}
	return ls, true, nil
}

// remember records a committed session for the lost-on-restart defect.
func (st *sessionStore) remember(s engine.Session) {
	if !st.inMemory {
		return
	}
	st.mu.Lock()
	st.memory[s.Phone] = s
	st.mu.Unlock()
}

func scanSession(row pgx.Row, key string, ls *lockedSession, extra *bool) error {
	s := engine.Session{Phone: key}
	dest := []any{&s.State, &s.Phase, &s.Language, &s.Data, &s.OptedOut, &s.Handoff, &s.Consented, &s.Turn, &s.Recent, &ls.businessID}
	if extra != nil {
		dest = append(dest, extra)
	}
	if err := row.Scan(dest...); err != nil {
		return err
	}
	if s.Data == nil {
		s.Data = map[string]string{}
	}
	ls.session = s
	return nil
}
