# sourcescore in a container: `make docker` builds it (see README, Deployment).
# Build stage: the cgo binary (SQLite is compiled in, so gcc is needed here only).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=
ARG COMMIT_TIME=
RUN CGO_ENABLED=1 go build -trimpath \
      -ldflags "-s -w -X main.Version=${VERSION} -X main.Commit=${COMMIT} -X main.CommitTime=${COMMIT_TIME}" \
      -o /out/sourcescore ./cmd/sourcescore

# Runtime stage: the binary, the word lists the translation rules use when present
# (German, American and British English) and time-zone data; no compiler, no shell tools beyond Debian's base.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends wngerman wamerican wbritish tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home sourcescore \
 && mkdir -p /data && chown 10001:10001 /data
COPY --from=build /out/sourcescore /usr/local/bin/sourcescore
USER 10001:10001
WORKDIR /data
VOLUME /data
ENTRYPOINT ["/usr/local/bin/sourcescore"]
# The default: a long-running schedule over /data. Override with any command, e.g. `run ...` for a CronJob.
CMD ["schedule", "--cron", "5 * * * *", "--run-now", "--log-format", "json", \
     "--input", "/data/articles", "--db", "/data/state/sourcescore.db", "--out", "/data/reports", \
     "--keep-reports", "168", "--grace", "2m"]
