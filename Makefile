# Tidings: the two commands a newcomer needs.
#   make demo   installs what is missing, builds, polls the bundled demo feeds, prints the new articles
#   make test   installs what is missing, builds and runs the whole test suite
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config
# What the tests need besides: nghttpd, the HTTP/2 server of the HTTPS tests.
TEST_APT_PACKAGES := nghttp2-server
DEMO_DB := .demo/tidings.sqlite
TIDINGS := .build/debug/tidings

.PHONY: demo test build deps clean-demo bench-parse fuzz-parse bench-store bench-fetch bench-clean bench-extract bench-boilerplate install install-files

# Installs the system packages that are missing, through apt-get (as root, or with sudo).
deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >&2; \
	fi

build: deps
	@$(SWIFT) build 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}

# Polls the demo feeds (file:// URLs, see Config/demo.toml) into .demo/ and prints the articles that are
# new since the last run as JSON Lines. A second run prints nothing new.
demo: build
	@$(TIDINGS) --config Config/demo.toml import Feeds/demo.opml >&2
	@$(TIDINGS) --config Config/demo.toml poll >&2
	@$(TIDINGS) --config Config/demo.toml dump --new --consumer demo

clean-demo:
	rm -rf .demo

test:
	@$(MAKE) --no-print-directory deps EXTRA_APT_PACKAGES="$(TEST_APT_PACKAGES)"
	$(SWIFT) build --build-tests 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	$(SWIFT) test --skip-build --disable-swift-testing

# The parse benchmark (docs/benchmarks.md): a release build against xmllint --stream and feedparser.
bench-parse: deps
	@dpkg-query -W -f='$${Status}' libxml2-utils 2>/dev/null | grep -q "install ok installed" || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get install -y -qq libxml2-utils >&2; }
	@test -x .bench/venv/bin/python || { python3 -m venv .bench/venv && .bench/venv/bin/pip install -q feedparser; }
	@$(SWIFT) build -c release --product tidings 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	.bench/venv/bin/python bench/parse_benchmark.py

# Fuzzes the parser with libFuzzer and AddressSanitizer for FUZZ_SECONDS (default 300), starting from
# the test fixtures; crashes are written to .bench/fuzz/ (replay: swift run tidings-fuzz-parse FILE).
FUZZ_SECONDS ?= 300
fuzz-parse: deps
	@$(SWIFT) build -c release --product tidings-fuzz-parse --scratch-path .build-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	@mkdir -p .bench/fuzz/corpus && cp -n $$(find Tests/Fixtures/feeds -type f) .bench/fuzz/corpus/ 2>/dev/null; true
	.build-fuzz/release/tidings-fuzz-parse -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	  -rss_limit_mb=2048 -dict=Fuzz/ParseFuzzer/feeds.dict -artifact_prefix=.bench/fuzz/ .bench/fuzz/corpus

# The store benchmark (docs/benchmarks.md): ingestion with every dedupe tier against the raw insert
# limit, at archive sizes BENCH_SIZES, then `tidings dump` over the largest archive.
BENCH_SIZES ?= 10000 100000
bench-store: deps
	@$(SWIFT) build -c release --product tidings-bench-store 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	@$(SWIFT) build -c release --product tidings 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	.build/release/tidings-bench-store .bench/store $(BENCH_SIZES)
	@largest=$$(echo $(BENCH_SIZES) | tr ' ' '\n' | sort -n | tail -1); db=.bench/store/archive-$$largest.sqlite; \
	  count=$$(.build/release/tidings --db $$db dump | wc -l); \
	  start=$$(date +%s.%N); .build/release/tidings --db $$db dump > /dev/null; end=$$(date +%s.%N); \
	  echo "dump: $$count articles in $$(echo "$$end - $$start" | bc) s: $$(echo "$$count / ($$end - $$start)" | bc) articles/s"

# The cleaner benchmark (docs/benchmarks.md): MB/s of article HTML cleaned, as feed entries and as
# whole pages (main-article extraction first), built from the seed articles.
bench-clean: deps
	@$(SWIFT) build -c release --product tidings-bench-clean 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	.build/release/tidings-bench-clean Tests/Fixtures/seeds 2000

# Extraction quality (docs/cleaner.md): token F1 of `tidings clean --extract` on the held-out pages
# in bench/extraction/pages against their hand-marked article bodies.
bench-extract: deps
	@$(SWIFT) build -c release --product tidings 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	@for set in bench/extraction/pages bench/extraction/pages-*/; do python3 bench/extraction_benchmark.py .build/release/tidings $$set; done

# Text-cleaning quality (docs/cleaner.md): `tidings clean` on held-out scraped article texts against
# the lines an editor kept (bench/cleaning/): article lines kept, noise removed.
bench-boilerplate: deps
	@$(SWIFT) build -c release --product tidings 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	@for set in bench/cleaning/articles*/; do python3 bench/cleaning_benchmark.py .build/release/tidings $$set; done

# The fetch benchmark (docs/benchmarks.md): one poll round over FETCH_SIZES feeds from a loopback
# server, cold then warm, for Tidings, newsboat and a plain Python poller, side by side. Tidings is
# the build that `make install` ships, with the Swift runtime linked in.
FETCH_SIZES ?= 1000 10000
NEWSBOAT_SIZES ?= 1000
bench-fetch: deps
	@for p in newsboat sqlite3; do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; $$SUDO apt-get install -y -qq $$p >&2; }; done
	@test -x .bench/venv/bin/python || python3 -m venv .bench/venv
	@.bench/venv/bin/python -c "import fastfeedparser" 2>/dev/null || .bench/venv/bin/pip install -q fastfeedparser
	@$(SWIFT) build -c release --static-swift-stdlib --product tidings 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	@$(SWIFT) build -c release --product tidings-bench-feeds 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	NEWSBOAT_SIZES="$(NEWSBOAT_SIZES)" python3 bench/fetch_benchmark.py $(FETCH_SIZES)

# Installs the release binary (with the Swift runtime linked in, so it runs without a toolchain), the
# systemd unit and the default config (never over an existing one). PREFIX, DESTDIR, UNITDIR and
# SYSCONFDIR as usual; e.g. `make install DESTDIR=/tmp/pkg PREFIX=/usr UNITDIR=/usr/lib/systemd/system`.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SYSCONFDIR ?= /etc
UNITDIR ?= $(SYSCONFDIR)/systemd/system
install: deps
	@$(SWIFT) build -c release --static-swift-stdlib --product tidings 2>&1 | grep -v "^\[" >&2; exit $${PIPESTATUS[0]}
	@$(MAKE) --no-print-directory install-files

# The copying alone, of BINARY (the release build by default): what the install test runs.
BINARY ?= .build/release/tidings
install-files:
	install -D -m 0755 $(BINARY) $(DESTDIR)$(BINDIR)/tidings
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSCONFDIR)/tidings
	sed -e 's|/usr/local/bin/tidings|$(BINDIR)/tidings|' -e 's|/etc/tidings/|$(SYSCONFDIR)/tidings/|' \
	  systemd/tidings.service > $(DESTDIR)$(UNITDIR)/tidings.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/tidings.service
	@test -e $(DESTDIR)$(SYSCONFDIR)/tidings/tidings.toml || \
	  install -m 0644 Config/tidings.toml $(DESTDIR)$(SYSCONFDIR)/tidings/tidings.toml

