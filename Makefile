# The HRD Advances Tracker. `make help` lists the targets.
BIN := .build/hrdtracker
GO_FILES := $(shell find cmd internal web migrations -name '*.go' -o -name '*.templ' -o -name '*.sql' -o -name '*.css' -o -name '*.yaml' 2>/dev/null)

.PHONY: help run build test check generate bench vuln

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

run: build ## serve the tracker with its data on :8080 (ADDR, DATABASE_URL override)
	$(BIN) serve -dev

build: $(BIN) ## build the binary into .build/

$(BIN): go.mod go.sum $(GO_FILES)
	go build -o $(BIN) ./cmd/hrdtracker

test: ## run every test against the local PostgreSQL (TEST_DATABASE_URL overrides)
	go test -count=1 ./...

check: generate ## generate, format, tidy, and check that nothing changed; vet; staticcheck
	gofmt -w cmd internal web migrations
	go mod tidy
	git diff --exit-code
	go vet ./...
	go tool staticcheck ./...

generate: ## regenerate the templ components
	go tool templ generate -path web/view
	go tool templ fmt web/view

bench: ## run the benchmarks against the local PostgreSQL
	go test -run '^$$' -bench . -benchmem ./...

vuln: ## check dependencies for known vulnerabilities (needs the online database)
	go run golang.org/x/vuln/cmd/govulncheck@latest ./...
