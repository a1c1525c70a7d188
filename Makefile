# The HRD Advances Tracker. `make help` lists the targets.
BIN := .build/hrdtracker
GO_FILES := $(shell find cmd internal web migrations -name '*.go' -o -name '*.templ' -o -name '*.sql' -o -name '*.css' -o -name '*.yaml' 2>/dev/null)
# Everything in web/static is embedded in the binary (not found above: internal/ holds node_modules).
GO_FILES += $(wildcard web/static/*)

.PHONY: help run build test check generate bench gobench benchdeps vuln deps chromium lighthouse

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

run: build ## serve the tracker with its data on :8080 (ADDR, DATABASE_URL override)
	$(BIN) serve -dev

build: $(BIN) ## build the binary into .build/

$(BIN): go.mod go.sum $(GO_FILES)
	go build -o $(BIN) ./cmd/hrdtracker

# The browser tests check every page type in four languages at two widths, under the race
# detector: past go test's default of ten minutes on two busy cores.
test: deps ## run every test, under the race detector, against the local PostgreSQL (TEST_DATABASE_URL overrides)
	go test -race -count=1 -timeout 30m ./...

# The browser tests (internal/e2e) need Debian's Chromium, Java, and the npm packages pinned in
# internal/e2e/package-lock.json. npm runs no install script: vnu-jar's would download a Java.
E2E := internal/e2e

deps: chromium $(E2E)/node_modules/.installed ## install what the browser tests need (npm packages, Chromium)

$(E2E)/node_modules/.installed: $(E2E)/package.json $(E2E)/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 and npm, then run make again"; exit 1; }
	npm ci --ignore-scripts --omit=dev --prefix $(E2E)
	touch $@

# Lighthouse is a dev dependency: only `make lighthouse` installs it.
$(E2E)/node_modules/.installed-dev: $(E2E)/package.json $(E2E)/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 and npm, then run make again"; exit 1; }
	npm ci --ignore-scripts --prefix $(E2E)
	touch $(E2E)/node_modules/.installed $@

# Chromium and Java come from Debian's packages; installing them needs root.
chromium:
	@if [ ! -x /usr/bin/chromium ] || ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium default-jre-headless; \
	  else \
	    echo "The browser tests need Debian's Chromium and Java. Run:"; \
	    echo "  sudo apt-get update && sudo apt-get install -y chromium default-jre-headless"; \
	  fi; \
	fi

lighthouse: build chromium $(E2E)/node_modules/.installed-dev ## score the main pages with Lighthouse (slow; not in test or CI)
	$(E2E)/lighthouse.sh $(BIN)

check: generate ## generate, format, tidy, and check that nothing changed; vet; staticcheck; the repository's shape
	.ci/layout
	gofmt -w cmd internal web migrations
	go mod tidy
	git diff --exit-code
	go vet ./...
	go tool staticcheck ./...

generate: ## format the templ components, then generate their Go code
	go tool templ fmt web/view
	go tool templ generate

gobench: ## run the Go benchmarks against the local PostgreSQL
	go test -run '^$$' -bench . -benchmem ./...

# BENCH_SETS=shipped BENCH_DURATION=2s make bench runs a quick subset; see internal/benchtool.
bench: build benchdeps ## measure every public page under load against nginx, over data sets up to 1M paragraphs
	go run ./internal/benchtool -bin $(BIN)

# nginx and wrk come from Debian's packages; installing them needs root.
benchdeps:
	@if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light wrk; \
	  else \
	    echo "make bench needs nginx and wrk from Debian's packages. Run:"; \
	    echo "  sudo apt-get update && sudo apt-get install -y nginx-light wrk"; \
	    exit 1; \
	  fi; \
	fi

vuln: ## check dependencies for known vulnerabilities (needs the online database)
	go tool govulncheck ./...

# Both run the built tracker on a free port, over the database `make run` uses.
.PHONY: weight screenshots

weight: build ## print each page's transferred size (HTML, CSS, JS, compressed); fails over 30 kB
	go run ./internal/pagetool -bin $(BIN) weight

screenshots: build ## write PNGs of the main pages, desktop and phone, to web/screenshots/ (Chromium)
	go run ./internal/pagetool -bin $(BIN) screenshots web/screenshots
