package bots

// Next is the state the manifest says intent leads to from state from, the
// rule a live bot is held to: the state's own transition first; then,
// unless the session has opted out, the global intent; then the fallback,
// which stays. A transition to "" stays. An opted-out session stays where
// it is for anything but its state's own intents (start): the bot must
// ignore an opted-out customer until they opt back in. ok is false when
// the manifest does not say.
func (m *Manifest) Next(from, intent string, optedOut bool) (to string, ok bool) {
	stay := func(next string) string {
		if next == "" {
			return from
		}
		return next
	}
	if st := m.Graph.States[from]; st != nil {
		if next, ok := st.On[intent]; ok {
			return stay(next), true
		}
	}
	if optedOut {
		return from, true
	}
	if next, ok := m.Intents.Global[intent]; ok {
		return stay(next), true
	}
	if intent != "" && intent == m.Intents.Fallback {
		return from, true
	}
	return "", false
}

// GlobalPhases maps each global intent that moves the session (its
// intents.global entry names a defined state) to the phase it moves it to.
// The global intents that keep the state are not in it.
func (m *Manifest) GlobalPhases() map[string]string {
	out := map[string]string{}
	for intent, state := range m.Intents.Global {
		if phase := m.PhaseOf(state); phase != "" {
			out[intent] = phase
		}
	}
	return out
}
