# sourcescore: the one entry point. CI calls `make test`.
GO        ?= go
export GOTOOLCHAIN := local
export CGO_ENABLED := 1
BIN       := bin/sourcescore
PKGS      := ./...
STATICCHECK_VERSION := v0.8.2
FUZZTIME  ?= 20000x

.PHONY: all build run test vet lint fuzz faults bench instructions profile eval-real eval-holdout eval-all fit-profile docker docs screenshot clean

all: build

# What `sourcescore version` prints: git describe, the commit and its time (Go's own stamping, -buildvcs, may be
# turned off in GOFLAGS, and is off outside a git checkout)
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null)
COMMIT    ?= $(shell git rev-parse HEAD 2>/dev/null)
COMMIT_TIME ?= $(shell git log -1 --format=%cI 2>/dev/null)
LDFLAGS   := -X main.Version=$(VERSION) -X main.Commit=$(COMMIT) -X main.CommitTime=$(COMMIT_TIME)

## build: compile the binary to bin/sourcescore (cgo: needs gcc for SQLite)
build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/sourcescore

## run: build, then score seeds/ with the built-in rules and print the outlet table
run: build
	./$(BIN) run --input seeds --db out/sourcescore.db --out out/reports

## test: every test: vet, unit and end-to-end tests, and the built-in rules' own examples
test:
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)
	$(GO) run ./cmd/sourcescore rules test

## lint: staticcheck (fetched from the Go module proxy at a pinned version)
lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) $(PKGS)

## fuzz: a short run (FUZZTIME: 20000x, executions per target) of every fuzz target: the targets are found with
## `go test -list`, so a new one is never left out; the first failure stops it
fuzz:
	@set -e; n=0; \
	for pkg in $$($(GO) list ./...); do \
		list=$$($(GO) test -list '^Fuzz' $$pkg) || { echo "$$list"; exit 1; }; \
		for target in $$(echo "$$list" | grep '^Fuzz' || true); do \
			n=$$((n+1)); echo "== $$n: $$target in $$pkg"; \
			$(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done; \
	echo "== $$n fuzz targets ran ($(FUZZTIME) each) without a failure"

## faults: the fault matrix of issue 12: FAULTS_TRIALS (30) SIGKILLs at random moments of runs over 3,000
## synthetic articles, and, where strace is installed, at chosen system calls (WAL writes and syncs, each rename);
## after each, db check, a run that repairs, and every succeeded run must have its complete report folder
## (cmd/faults); then a full disk (a small tmpfs; skipped with a message where mounting is not allowed); then
## `make fuzz`
FAULTS_TRIALS ?= 30
faults: build
	$(GO) run ./cmd/faults -bin $(BIN) -trials $(FAULTS_TRIALS)
	$(GO) test -count=1 -v -run '^TestRun_DiskFull$$' ./job/
	$(MAKE) fuzz

## bench: the whole job on synthetic corpora of 1,000 and 20,000 German and English articles of 1 to 15 KB (BENCH_N=100000
## adds one), each with and without its manifest: articles/s, CPU seconds, peak RSS, the rerun, and the ratio to ripgrep
## over the same patterns when rg is installed (BENCH_ROUNDS=3 runs each case three times and keeps the fastest round,
## with the largest peak RSS); then the Go benchmarks
bench: build
	$(GO) run ./cmd/bench -bin $(BIN) -n 1000,20000
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## instructions: the instructions the rules execute inside rules.(*Set).Apply on the 1,000-article bench corpus
## (callgrind: needs valgrind, Debian: apt-get install valgrind; `make bench` makes the corpus): a count the machine's
## load does not move, to compare two versions of the rules where timings differ by less than their noise (Go's
## runtime is told not to use RDTSCP, an instruction valgrind cannot run on some processors)
BENCH_WORK ?= $(or $(TMPDIR),/tmp)/sourcescore-bench
instructions:
	@command -v valgrind >/dev/null 2>&1 || { echo "make instructions: valgrind is not installed (Debian: apt-get install valgrind)"; exit 1; }
	@[ -f $(BENCH_WORK)/varied-1000-1/manifest.csv ] || { echo "make instructions: no bench corpus in $(BENCH_WORK)/varied-1000-1: run make bench first"; exit 1; }
	mkdir -p out
	$(GO) test -c -o out/rules.test ./rules
	cd rules && GOGC=off GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off SOURCESCORE_BENCH_CORPUS=$(BENCH_WORK)/varied-1000-1 valgrind --tool=callgrind \
		--toggle-collect='sourcescore/rules.(*Set).Apply' --callgrind-out-file=../out/callgrind.out \
		../out/rules.test -test.run '^$$' -test.bench 'BenchmarkApply_Corpus$$' -test.benchtime 1x 2>&1 | \
		awk '/Collected/ { print; n = $$NF } /SIGILL|^panic:|^FAIL/ { print } END { if (n + 0 == 0) { print "make instructions: nothing collected: the rules test binary failed under valgrind (see above)"; exit 1 } }'
	@echo "per function: callgrind_annotate out/callgrind.out | head -60"

## profile: a CPU profile of the whole job on 20,000 synthetic articles without manifest (out/cpu.pprof) and its top functions
profile: build
	mkdir -p out
	$(GO) run ./cmd/bench -bin $(BIN) -n 20000 -profile out/cpu.pprof
	$(GO) tool pprof -top -nodecount=30 $(BIN) out/cpu.pprof

## eval-real: precision and recall of the translation rules and denial.missing on the development corpus of real
## articles (testdata/real: the texts are not in git; when they are missing it says how to gather them), with the
## built-in rules plus the corpus's story files (testdata/real/stories/) in out/real-rules/
REAL_RULES := out/real-rules
eval-real: build
	rm -rf $(REAL_RULES)
	./$(BIN) rules init $(REAL_RULES)
	cp testdata/real/stories/*.yaml $(REAL_RULES)/stories/
	$(GO) run ./cmd/realcorpus -dir testdata/real -rules $(REAL_RULES)
	./$(BIN) rules eval --labels testdata/real/texts/labels.csv --rules $(REAL_RULES) --csv out/eval-real.csv

## fit-profile: fit a profile rule's typical values, weights and bias (FIT_RULE, translation.profile, on the articles
## in FIT_LANG, de; FIT_RULE=translation.profile_en FIT_LANG=en for the English one) to labelled corpora and print them
## with the figures of a cross-validation by corpus (each corpus scored by a fit without it and its sites) at
## FIT_THRESHOLD; the built-in rules' numbers come from this. The German profile is fitted on the development corpus
## and holdout to holdout20 (holdout21 and later test it), the English one on the development corpus and holdout to
## holdout58 (holdout59 and later test it). Texts needed, as for eval-real; a text the pages corpus no longer holds is
## left out and named (realcorpus -partial)
FIT_CORPORA_DE := testdata/real,testdata/holdout,testdata/holdout2,testdata/holdout3,testdata/holdout4,testdata/holdout5,$\
	testdata/holdout6,testdata/holdout7,testdata/holdout8,testdata/holdout9,testdata/holdout10,testdata/holdout11,$\
	testdata/holdout12,testdata/holdout13,testdata/holdout14,testdata/holdout15,testdata/holdout16,testdata/holdout17,$\
	testdata/holdout18,testdata/holdout19,testdata/holdout20
FIT_COMMA := ,
FIT_EMPTY :=
FIT_SPACE := $(FIT_EMPTY) $(FIT_EMPTY)
FIT_CORPORA_EN := $(subst $(FIT_SPACE),$(FIT_COMMA),testdata/real testdata/holdout $(addprefix testdata/holdout,$(shell seq 2 58)))
FIT_THRESHOLD ?= 0.85
FIT_RULE ?= translation.profile
FIT_LANG ?= de
FIT_CORPORA ?= $(if $(filter en,$(FIT_LANG)),$(FIT_CORPORA_EN),$(FIT_CORPORA_DE))
FIT_RULES := out/fit-rules
fit-profile: build
	rm -rf $(FIT_RULES)
	./$(BIN) rules init $(FIT_RULES)
	cp testdata/*/stories/*.yaml $(FIT_RULES)/stories/
	$(GO) run ./cmd/realcorpus -partial -fit $(FIT_RULE) -lang $(FIT_LANG) -rules $(FIT_RULES) -dir $(FIT_CORPORA) -threshold $(FIT_THRESHOLD)

## eval-holdout: eval-real on a held-out corpus (HOLDOUT=testdata/holdout, the default, or testdata/holdout2: stories
## the rules were not written from, gathered after them; see their READMEs), in out/holdout-rules
HOLDOUT ?= testdata/holdout
HOLDOUT_RULES := out/holdout-rules
eval-holdout: build
	rm -rf $(HOLDOUT_RULES)
	./$(BIN) rules init $(HOLDOUT_RULES)
	cp $(HOLDOUT)/stories/*.yaml $(HOLDOUT_RULES)/stories/
	$(GO) run ./cmd/realcorpus -dir $(HOLDOUT) -rules $(HOLDOUT_RULES)
	./$(BIN) rules eval --labels $(HOLDOUT)/texts/labels.csv --rules $(HOLDOUT_RULES) --csv out/eval-holdout.csv

## eval-all: `translation.likely_mt`, `translation.profile` and `denial.missing` on the development corpus and every
## held-out corpus whose texts are present (TP FP FN TN precision recall per corpus; a corpus without its texts is
## named with how to gather them; one with some texts missing is measured on the rest, its line saying so), each with
## the built-in rules plus its own story files
EVAL_RULES := likely_mt|profile|denial\.missing
eval-all: build
	@set -e; for dir in testdata/real testdata/holdout*; do \
		[ -f $$dir/sources-de.csv ] || continue; \
		rules=out/eval-all-rules/$$(basename $$dir); rm -rf $$rules; \
		./$(BIN) rules init $$rules >/dev/null; cp $$dir/stories/*.yaml $$rules/stories/; \
		if ! $(GO) run ./cmd/realcorpus -partial -dir $$dir -rules $$rules >out/eval-all.out 2>out/eval-all.err; then \
			if grep -q 'texts missing' out/eval-all.err; then \
				echo "$$dir: texts missing: go run ./cmd/realcorpus -dir $$dir lists how to gather them"; \
			else cat out/eval-all.err; fi; continue; fi; \
		if grep -q 'texts are missing' out/eval-all.out; then \
			echo "$$dir: $$(grep -o '^[0-9]* of [0-9]* texts are missing' out/eval-all.out), evaluated without them: go run ./cmd/realcorpus -dir $$dir lists how to gather them"; fi; \
		./$(BIN) rules eval --labels $$dir/texts/labels.csv --rules $$rules | grep -E '^(translation\.($(EVAL_RULES))|denial\.missing) ' | \
			sed "s|^|$$(basename $$dir) |"; \
	done

## docs: the man pages (out/docs/man) and the bash, zsh and fish completion scripts (out/docs/completion), from the
## command tree itself
docs: build
	./$(BIN) gen-docs --out out/docs

## screenshot: docs/report.png, the top of the seeds' report.html as headless Chromium shows it (Debian: apt-get
## install chromium; CHROMIUM=path for another browser binary)
CHROMIUM ?= chromium
screenshot: build
	rm -rf out/screenshot
	./$(BIN) run --input seeds --db out/screenshot/s.db --out out/screenshot/reports >/dev/null
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir=out/screenshot/chromium --hide-scrollbars \
		--window-size=1200,$(SCREENSHOT_HEIGHT) --screenshot=docs/report.png file://$(CURDIR)/out/screenshot/reports/latest/report.html
SCREENSHOT_HEIGHT ?= 1500

## docker: the container image (Dockerfile), tagged sourcescore:$(VERSION) and sourcescore:latest, when Docker is installed
docker:
	@command -v docker >/dev/null 2>&1 || { echo "make docker: docker is not installed on this machine (https://docs.docker.com/engine/install/)"; exit 1; }
	docker build --build-arg VERSION=$(VERSION) --build-arg COMMIT=$(COMMIT) --build-arg COMMIT_TIME=$(COMMIT_TIME) \
		-t sourcescore:$(VERSION) -t sourcescore:latest .

clean:
	rm -rf bin out
