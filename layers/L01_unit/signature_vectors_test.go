package l01unit_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/caas-testing/caas-testing/fixtures"
)

// signatureVector is one known signature: HMAC-SHA256 of the exact body
// bytes (Stripe: "<timestamp>.<body>") keyed with secret gives header.
type signatureVector struct {
	Name      string `yaml:"name"`
	Secret    string `yaml:"secret"`
	Timestamp int64  `yaml:"timestamp"`
	Body      string `yaml:"body"`
	Header    string `yaml:"header"`
}

type signatureVectors struct {
	WhatsApp []signatureVector `yaml:"whatsapp"`
	Stripe   []signatureVector `yaml:"stripe"`
}

// knownVectors are fixtures' openssl vectors (fixtures/testdata) followed
// by L01's own (testdata/signatures.yaml, made by testdata/signatures.sh
// with openssl), each named by where it comes from.
func knownVectors(t *testing.T) signatureVectors {
	t.Helper()
	fx, err := fixtures.KnownSignatures()
	require.NoError(t, err, "the fixtures' signature vectors do not load")
	var out signatureVectors
	for _, v := range fx.WhatsApp {
		out.WhatsApp = append(out.WhatsApp, signatureVector{Name: "fixtures/" + v.Name, Secret: v.Secret, Body: v.Body, Header: v.Header})
	}
	for _, v := range fx.Stripe {
		out.Stripe = append(out.Stripe, signatureVector{Name: "fixtures/" + v.Name, Secret: v.Secret, Timestamp: v.Timestamp, Body: v.Body, Header: v.Header})
	}
	path := filepath.Join("testdata", "signatures.yaml")
	data, err := os.ReadFile(path)
	require.NoError(t, err, "regenerate it with testdata/signatures.sh")
	var own signatureVectors
	require.NoError(t, yaml.Unmarshal(data, &own), "%s does not parse; regenerate it with testdata/signatures.sh", path)
	require.NotEmpty(t, own.WhatsApp, "%s has no WhatsApp vectors", path)
	require.NotEmpty(t, own.Stripe, "%s has no Stripe vectors", path)
	for _, v := range own.WhatsApp {
		v.Name = "l01/" + v.Name
		out.WhatsApp = append(out.WhatsApp, v)
	}
	for _, v := range own.Stripe {
		v.Name = "l01/" + v.Name
		out.Stripe = append(out.Stripe, v)
	}
	return out
}
