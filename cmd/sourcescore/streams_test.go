package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sourcescore/ingest"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"sourcescore"
)

// TestRun_FormatJSON: run --format json writes the summary as one JSON
// document on one line, whose numbers are the run's; --quiet writes
// nothing on stdout.
func TestRun_FormatJSON(t *testing.T) {
	w := newWorkspace(t)
	code, stdout, stderr := run(t, w.args("run", "--format", "json")...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if strings.Count(stdout, "\n") != 1 {
		t.Errorf("want one line on stdout, got:\n%s", stdout)
	}
	var got runJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v:\n%s", err, stdout)
	}
	if got.Run != 1 || got.Status != "succeeded" || got.Articles != 5 || got.Scored != 5 || got.Skipped != 0 ||
		got.Findings == 0 || len(got.Outlets) == 0 || got.Database != w.db || !strings.HasSuffix(got.Reports, "run-1") {
		t.Errorf("summary: %+v", got)
	}
	// The same numbers as the text table of the same run, again.
	_, text, _ := run(t, append(w.args("run"), "--rescore")...)
	if got.NotScored == nil || len(got.NotScored) != 0 {
		t.Errorf("not_scored %v, want [] (every seed is scored)", got.NotScored)
	}
	for _, o := range got.Outlets {
		if o.Score == nil {
			t.Fatalf("outlet %+v without a score", o)
		}
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(o.Outlet) + `\s+` + fmt.Sprint(o.Articles) + `\s+` + regexp.QuoteMeta(sourcescore.FormatDecimal(*o.Score, 1)) + `\s+` + o.Grade + `\s`).MatchString(text) {
			t.Errorf("outlet %+v not in the table:\n%s", o, text)
		}
	}
	code, stdout, stderr = run(t, w.args("run", "--quiet")...)
	if code != exitOK || stdout != "" {
		t.Errorf("--quiet: exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	if code, _, stderr := run(t, w.args("run", "--format", "yaml")...); code != exitUsage || !strings.Contains(stderr, `--format "yaml": use text or json`) {
		t.Errorf("--format yaml: exit %d\n%s", code, stderr)
	}
}

// runSummary runs sourcescore with args (a run with --format json) and
// returns its summary and stdout; a failed run or a summary that is no
// JSON fails the test.
func runSummary(t *testing.T, args ...string) (runJSON, string) {
	t.Helper()
	code, stdout, stderr := run(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var got runJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v:\n%s", err, stdout)
	}
	return got, stdout
}

// TestRun_RepairedTexts: an article whose text was repaired before scoring
// (mojibake) is named in the text summary and in --format json.
func TestRun_RepairedTexts(t *testing.T) {
	w := newWorkspace(t)
	// "Die Regierung wies die Vorwürfe zurück, „völlig erfunden“" saved
	// after a windows-1252 reading of its UTF-8.
	damaged := "Die Regierung wies die VorwÃ¼rfe am Montag zurÃ¼ck und sprach von â€žvÃ¶llig erfundenen Berichtenâ€œ.\n"
	if err := os.WriteFile(filepath.Join(w.input, "kaputt.txt"), []byte(damaged), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := runSummary(t, w.args("run", "--format", "json")...)
	if len(got.Mojibake) != 1 || !strings.HasPrefix(got.Mojibake[0], "kaputt.txt: 5 characters repaired (mojibake: UTF-8 text read as windows-1252") {
		t.Errorf("repaired_texts = %q", got.Mojibake)
	}
	_, text, _ := run(t, append(w.args("run"), "--rescore")...)
	if !strings.Contains(text, "1 article's text repaired before scoring: kaputt.txt: 5 characters repaired") {
		t.Errorf("the text summary does not name the repaired article:\n%s", text)
	}
}

// TestRun_FormatJSON_unread: the summary counts the reused articles whose
// files were not read, left alone since the run before read them; with
// --checksum every file is read.
func TestRun_FormatJSON_unread(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("file states are taken on Linux only")
	}
	w := newWorkspace(t)
	time.Sleep(ingest.SettleTime + 100*time.Millisecond)
	if code, _, stderr := run(t, w.args("run", "--quiet")...); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	got, stdout := runSummary(t, w.args("run", "--format", "json")...)
	if got.Reused != 5 || got.Unread != 5 || !strings.Contains(stdout, `"unread":5`) {
		t.Errorf("rerun: reused %d, unread %d; want 5 and 5:\n%s", got.Reused, got.Unread, stdout)
	}
	// --checksum reads them all.
	_, stdout, _ = run(t, w.args("run", "--format", "json", "--checksum")...)
	got = runJSON{}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || got.Reused != 5 || got.Unread != 0 {
		t.Errorf("rerun with --checksum: reused %d, unread %d (%v); want 5 and 0:\n%s", got.Reused, got.Unread, err, stdout)
	}
}

// TestCrontabLine: the README's crontab line, run as cron runs it (stdout
// and stderr appended to one file) over an input with a skipped article
// and a manifest warning, gives a log whose every line is a JSON object
// (jq -c . reads it, where jq is installed), with the skipped article,
// the warning and the summary in it.
func TestCrontabLine(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^5 \* \* \* \*  cd \S+ && /usr/local/bin/sourcescore (.*) >>run\.log 2>&1 \|\| \[ \$\? -eq 3 \]$`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("no crontab line in the README")
	}
	w := newWorkspace(t)
	os.WriteFile(filepath.Join(w.input, "zz_binary.txt"), []byte("\x00\x01\x02 not text \x00"), 0o644)
	os.WriteFile(filepath.Join(w.input, "zz_extra.txt"), []byte("Ein Artikel, der im Manifest fehlt. Er hat genug Wörter, um gelesen zu werden, und sonst nichts Besonderes."), 0o644)
	args := strings.Fields(string(m[1]))
	for i := 0; i+1 < len(args); i++ {
		switch args[i] {
		case "--input":
			args[i+1] = w.input
		case "--rules":
			args[i+1] = w.rules
		case "--db":
			args[i+1] = w.db
		case "--out":
			args[i+1] = w.out
		}
	}
	logPath := filepath.Join(t.TempDir(), "run.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	code := Run(t.Context(), args, logFile, logFile)
	logFile.Close()
	if code != exitOK {
		data, _ := os.ReadFile(logPath)
		t.Fatalf("exit %d\n%s", code, data)
	}
	data, _ := os.ReadFile(logPath)
	var msgs []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var obj map[string]any
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			t.Errorf("not a JSON object: %q", sc.Text())
			continue
		}
		if msg, ok := obj["msg"].(string); ok {
			msgs = append(msgs, msg)
		} else if _, ok := obj["outlets"]; ok {
			msgs = append(msgs, "(summary)")
		}
	}
	for _, want := range []string{"run started", "article skipped", "input warning", "run finished", "(summary)"} {
		if !strings.Contains(strings.Join(msgs, "|"), want) {
			t.Errorf("the log lacks %q: %v\n%s", want, msgs, data)
		}
	}
	if _, err := exec.LookPath("jq"); err == nil {
		if out, err := exec.Command("jq", "-c", ".", logPath).CombinedOutput(); err != nil {
			t.Errorf("jq -c . run.log: %v\n%s", err, out)
		}
	} else {
		t.Log("jq is not installed: the lines were parsed with encoding/json only")
	}
}

// TestRun_Progress: a progress line on stderr under a terminal (a real
// pseudo-terminal), none when stderr is not one.
func TestRun_Progress(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	w := newWorkspace(t)
	_, _, stderr := run(t, w.args("run")...) // a buffer, not a terminal
	if strings.Contains(stderr, "\r") || strings.Contains(stderr, "articles,") {
		t.Errorf("progress drawn without a terminal:\n%q", stderr)
	}
	bin := filepath.Join(t.TempDir(), "sourcescore")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	w = generated(t, 300)
	cmd := exec.Command(bin, append(w.args("run"), "--workers", "1")...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, tty
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	seen := make(chan []byte)
	go func() {
		var all []byte
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			all = append(all, buf[:n]...)
			if err != nil {
				seen <- all
				return
			}
		}
	}()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	var term []byte
	select {
	case term = <-seen:
	case <-time.After(30 * time.Second):
		t.Fatal("the terminal did not close")
	}
	if !regexp.MustCompile(`\r\x1b\[K\d+ of 300 articles`).Match(term) {
		t.Errorf("no progress line on the terminal:\n%q", term)
	}
	if !strings.Contains(out.String(), "300 articles scored") {
		t.Errorf("stdout:\n%s", out.String())
	}
}
