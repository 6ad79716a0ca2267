// Command sumdb-diff answers checksum-database questions with golang.org/x/mod's own code (the
// copy vendored in the Go release under test), for the differential test of our TypeScript
// client (__tests__/e2e/sumdb-differential.test.ts). It reads a JSON array of vectors from the
// file named by its argument and prints a JSON array of answers, one per vector, in order.
//
// Where the go command's decision is made in cmd/go rather than in x/mod (reading GOSUMDB, the
// database name rule, comparing the download with the looked-up lines), this program states
// that decision in its own words on top of the same standard-library and x/mod calls.
package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type vector struct {
	Kind    string            `json:"kind"`
	Text    string            `json:"text"`
	Name    string            `json:"name"`
	Value   string            `json:"value"`
	Key     string            `json:"key"`
	Msg     string            `json:"msg"` // base64
	Latest  string            `json:"latest"`
	Remote  map[string]string `json:"remote"` // path → base64
	Module  string            `json:"module"`
	Version string            `json:"version"`
	H1      string            `json:"h1"`
}

type answer struct {
	OK   bool   `json:"ok"`
	Err  string `json:"err,omitempty"`
	Name string `json:"name,omitempty"`
	Hash uint32 `json:"hash,omitempty"`
	Text string `json:"text,omitempty"` // base64 where bytes
	N    string `json:"n,omitempty"`
	Rest string `json:"rest,omitempty"`
	URL  string `json:"url,omitempty"`
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func unb64(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// nameIsHostPath is the go command's test of a database name: https://<name> must parse to
// exactly a scheme, a host and a path, with no other part and no escaped form.
func nameIsHostPath(name string) bool {
	u, err := url.Parse("https://" + name)
	if err != nil || strings.HasSuffix(name, "/") || u.Host == "" || u.RawPath != "" {
		return false
	}
	return *u == url.URL{Scheme: "https", Host: u.Host, Path: u.Path, RawPath: u.RawPath}
}

var knownKeys = map[string]string{
	"sum.golang.org": "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
}

// gosumdb reads GOSUMDB as the go command does ("" is go.env's sum.golang.org).
func gosumdb(v string) answer {
	if v == "" {
		v = "sum.golang.org"
	}
	if v == "sum.golang.google.cn" {
		v = "sum.golang.org https://sum.golang.google.cn"
	}
	if v == "off" {
		return answer{OK: true, Name: "off"}
	}
	f := strings.Fields(v)
	if len(f) >= 1 && knownKeys[f[0]] != "" {
		f[0] = knownKeys[f[0]]
	}
	if len(f) == 0 {
		return answer{Err: "missing GOSUMDB"}
	}
	if len(f) > 2 {
		return answer{Err: "too many fields"}
	}
	vk, err := note.NewVerifier(f[0])
	if err != nil {
		return answer{Err: err.Error()}
	}
	if !nameIsHostPath(vk.Name()) {
		return answer{Err: "invalid sumdb name"}
	}
	a := answer{OK: true, Name: vk.Name()}
	if len(f) == 2 {
		u, err := url.Parse(f[1])
		if err != nil {
			return answer{Err: "invalid GOSUMDB URL"}
		}
		a.URL = u.Host
	}
	return a
}

// ops serves one lookup from memory; the latest tree head is the one "kept from earlier runs".
type ops struct {
	key, name string
	latest    []byte
	remote    map[string][]byte
	security  string
}

func (o *ops) ReadRemote(path string) ([]byte, error) {
	if d, ok := o.remote[path]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("404 %s", path)
}

func (o *ops) ReadConfig(file string) ([]byte, error) {
	if file == "key" {
		return []byte(o.key), nil
	}
	if file == o.name+"/latest" {
		return o.latest, nil
	}
	return nil, errors.New("no config " + file)
}

func (o *ops) WriteConfig(file string, old, new []byte) error { o.latest = new; return nil }
func (o *ops) ReadCache(file string) ([]byte, error)          { return nil, errors.New("no cache") }
func (o *ops) WriteCache(file string, data []byte)            {}
func (o *ops) Log(msg string)                                 {}
func (o *ops) SecurityError(msg string)                       { o.security = msg }

// lookup is Client.Lookup followed by the go command's comparison of the downloaded hash.
func lookup(v vector) answer {
	vk, err := note.NewVerifier(v.Key)
	if err != nil {
		return answer{Err: err.Error()}
	}
	o := &ops{key: v.Key, name: vk.Name(), latest: unb64(v.Latest), remote: map[string][]byte{}}
	for p, d := range v.Remote {
		o.remote[p] = unb64(d)
	}
	lines, err := sumdb.NewClient(o).Lookup(v.Module, v.Version)
	if err != nil {
		if o.security != "" {
			return answer{Err: "security: " + err.Error()}
		}
		return answer{Err: err.Error()}
	}
	have := v.Module + " " + v.Version + " " + v.H1
	prefix := v.Module + " " + v.Version + " h1:"
	for _, line := range lines {
		if line == have {
			return answer{OK: true}
		}
		if strings.HasPrefix(line, prefix) {
			return answer{Err: "checksum mismatch"}
		}
	}
	return answer{Err: "checksum missing"}
}

func run(v vector) answer {
	switch v.Kind {
	case "key":
		vk, err := note.NewVerifier(v.Text)
		if err != nil {
			return answer{Err: err.Error()}
		}
		return answer{OK: true, Name: vk.Name(), Hash: vk.KeyHash()}
	case "name":
		return answer{OK: nameIsHostPath(v.Name)}
	case "gosumdb":
		return gosumdb(v.Value)
	case "note":
		vk, err := note.NewVerifier(v.Key)
		if err != nil {
			return answer{Err: err.Error()}
		}
		n, err := note.Open(unb64(v.Msg), note.VerifierList(vk))
		var unverified *note.UnverifiedNoteError
		var invalid *note.InvalidSignatureError
		switch {
		case err == nil:
			return answer{OK: true, Text: b64([]byte(n.Text))}
		case errors.As(err, &unverified):
			return answer{Err: "unverified note"}
		case errors.As(err, &invalid):
			return answer{Err: "invalid signature"}
		default:
			return answer{Err: err.Error()}
		}
	case "tree":
		t, err := tlog.ParseTree(unb64(v.Msg))
		if err != nil {
			return answer{Err: err.Error()}
		}
		return answer{OK: true, N: strconv.FormatInt(t.N, 10), Text: b64(t.Hash[:])}
	case "record":
		id, text, rest, err := tlog.ParseRecord(unb64(v.Msg))
		if err != nil {
			return answer{Err: err.Error()}
		}
		return answer{OK: true, N: strconv.FormatInt(id, 10), Text: b64(text), Rest: b64(rest)}
	case "lookup":
		return lookup(v)
	}
	panic("unknown kind " + v.Kind)
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var vectors []vector
	if err := json.Unmarshal(data, &vectors); err != nil {
		panic(err)
	}
	out := make([]answer, len(vectors))
	for i, v := range vectors {
		out[i] = run(v)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
