// Package library is the writer's persona and tactic library: data files
// (embedded) of first names and surnames per culture, cities, the words a
// brief may use for each category, fillers for the customer data a bot asks
// for, and per category the ages, epithets, backstories, writing styles,
// tactics, openings, mid-conversation beats and turn wrappers in each
// language. The offline writer draws from it with a seeded generator; a person
// extends it by editing YAML, not Go.
package library
