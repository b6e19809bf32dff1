# sourcescore: the one entry point. CI calls `make test`.
GO        ?= go
export GOTOOLCHAIN := local
export CGO_ENABLED := 1
BIN       := bin/sourcescore
PKGS      := ./...
STATICCHECK_VERSION := v0.8.2

.PHONY: all build run test vet lint fuzz bench profile eval-real clean

all: build

## build: compile the binary to bin/sourcescore (cgo: needs gcc for SQLite)
build:
	$(GO) build -o $(BIN) ./cmd/sourcescore

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

## fuzz: a short run of each fuzz target
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 20s ./ingest/
	$(GO) test -run '^$$' -fuzz FuzzFind -fuzztime 20s ./rules/internal/dates/
	$(GO) test -run '^$$' -fuzz FuzzApply -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzRepetition -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzForeignWords -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzWordSequence -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzGateAnchored -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzLineFilter -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzLineHead -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzDetails -fuzztime 20s ./store/
	$(GO) test -run '^$$' -fuzz '^FuzzCountWords$$' -fuzztime 20s ./ingest/
	$(GO) test -run '^$$' -fuzz '^FuzzFindLiteral$$' -fuzztime 20s ./ingest/
	$(GO) test -run '^$$' -fuzz '^FuzzBinaryReason$$' -fuzztime 20s ./ingest/
	$(GO) test -run '^$$' -fuzz '^FuzzLowerSameLength$$' -fuzztime 20s .
	$(GO) test -run '^$$' -fuzz '^FuzzPosition$$' -fuzztime 20s .
	$(GO) test -run '^$$' -fuzz '^FuzzRowEncoder$$' -fuzztime 20s ./reports/

## bench: the whole job on synthetic corpora of 1,000 and 20,000 articles (BENCH_N=100000 adds one), then the Go benchmarks
bench: build
	$(GO) run ./cmd/bench -bin $(BIN) -n 1000,20000
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## profile: a CPU profile of the whole job on 20,000 synthetic articles (out/cpu.pprof) and its top functions
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

clean:
	rm -rf bin out
