# mlopskit: one non-recursive Makefile (after git's and Redis's).
#
#   make                 build bin/mlopskit
#   make demo            install missing dependencies, build, write reports to out/
#   make check           install missing dependencies, run every test suite
#   make check SANITIZE=address,undefined
#   make memcheck        the suites and CLI runs under valgrind
#   make bench           speed and memory figures beside their references
#   make install PREFIX=/usr/local DESTDIR=
#   V=1                  show the commands

# No built-in implicit rules: with them make "remakes" the included .d files
# through the link-one-object rule and our generated-runner patterns.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

PREFIX ?= /usr/local
DESTDIR ?=
CFLAGS ?= -O2 -g
LDFLAGS ?=
SANITIZE ?=
PYTHON ?= /usr/bin/python3

ifeq ($(V),1)
Q :=
else
Q := @
endif

VARIANT := $(if $(SANITIZE),san,default)
B := build/$(VARIANT)

PKGS := gsl libxml-2.0 cairo pangocairo jansson
# Third-party headers are system headers for us: our warnings are not theirs.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null | sed 's/-I/-isystem /g')
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null | sed 's/-I/-isystem /g')
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)
# Suite constructors are declared by the generated runner, not a header.
TEST_CFLAGS := $(CHECK_CFLAGS) -Wno-missing-prototypes

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla -Werror
ifneq ($(SANITIZE),)
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
ALL_CFLAGS := -std=c11 $(WARN) -fopenmp $(SAN_FLAGS) -I. -D_POSIX_C_SOURCE=200809L \
	$(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS := -fopenmp $(SAN_FLAGS) $(LDFLAGS)
LIBS := $(PKG_LIBS) -lm

# ---- sources ------------------------------------------------------------
COMMON_SRC := $(sort $(wildcard common/*.c))
REPORT_SRC := $(sort $(wildcard report/*.c))
SIM_SRC := $(sort $(wildcard sim/*.c))
ASSESS_SRC := $(sort $(wildcard assess/*.c))
CLI_SRC := $(sort $(wildcard cli/*.c))
CMD_SRC := $(sort $(wildcard cli/cmd_*.c))

# Files compiled into the binary (common/resource.h).
RESOURCES := $(sort $(wildcard scenarios/*.xsd scenarios/*.xml \
	scenarios/teams/*.xml assess/models/*.xml))

obj = $(patsubst %.c,$(B)/obj/%.o,$(1))

LIBCOMMON := $(B)/lib/libcommon.a
LIBREPORT := $(B)/lib/libreport.a
LIBSIM := $(B)/lib/libsim.a
LIBASSESS := $(B)/lib/libassess.a
BIN := $(B)/bin/mlopskit
RESOURCES_C := $(B)/gen/resources.c
EMBED := build/tools/embed

.PHONY: all deps demo check check-build memcheck bench install uninstall clean \
	check-cli fuzz
.DEFAULT_GOAL := all
.SECONDEXPANSION:
.SECONDARY:

all: bin/mlopskit

bin/mlopskit: $(BIN)
	@mkdir -p bin
	$(Q)cp $(BIN) $@

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -c $< -o $@

# The engine's per-request loop: GCC's -O2 cost model is too timid for its
# remaining scalar loops; clang (the fuzz build) has no such option.
VECT_FLAGS := $(shell $(CC) -fvect-cost-model=dynamic -x c -c -o /dev/null /dev/null 2>/dev/null && echo -fvect-cost-model=dynamic)
$(B)/obj/sim/engine_serve.o: ALL_CFLAGS += $(VECT_FLAGS)

# The embedder is a build tool: plain host flags, never sanitized.
$(EMBED): tools/embed.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

$(RESOURCES_C): $(EMBED) $(RESOURCES) Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  EMBED   $@")
	$(Q)$(EMBED) $(RESOURCES) > $@.tmp && mv $@.tmp $@

$(B)/obj/gen/resources.o: $(RESOURCES_C)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

define lib_rule
$(1): $(2)
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  AR      $$@")
	$$(Q)rm -f $$@ && ar rcs $$@ $(2)
endef
$(eval $(call lib_rule,$(LIBCOMMON),$(call obj,$(COMMON_SRC)) $(B)/obj/gen/resources.o))
$(eval $(call lib_rule,$(LIBREPORT),$(call obj,$(REPORT_SRC))))
$(eval $(call lib_rule,$(LIBSIM),$(call obj,$(SIM_SRC))))
$(eval $(call lib_rule,$(LIBASSESS),$(call obj,$(ASSESS_SRC))))

# Link order follows the dependency direction: cli -> sim, assess -> report -> common.
ALL_LIBS := $(LIBSIM) $(LIBASSESS) $(LIBREPORT) $(LIBCOMMON)

$(B)/gen/commands.c: tools/gen_cmdtable.sh $(CMD_SRC) Makefile
	@mkdir -p $(dir $@)
	$(Q)sh tools/gen_cmdtable.sh $(CMD_SRC) > $@.tmp && mv $@.tmp $@
CLI_OBJ := $(call obj,$(CLI_SRC)) $(B)/obj/gen/commands.o
$(B)/obj/gen/commands.o: $(B)/gen/commands.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BIN): $(CLI_OBJ) $(ALL_LIBS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(ALL_LIBS) $(LIBS)

# ---- tests ----------------------------------------------------------------
# One Check runner per library, generated from tests/<lib>/test_*.c
# (tools/gen_testmain.sh); helpers shared by a library's tests live in
# tests/<lib>/*.c files not named test_*.
TEST_LIBS := $(sort $(patsubst tests/%/,%,$(dir $(wildcard tests/*/test_*.c))))
test_objs = $(call obj,$(sort $(wildcard tests/$(1)/*.c) $(wildcard tests/support/*.c))) \
	$(B)/obj/gen/testmain_$(1).o
$(B)/gen/testmain_%.c: tools/gen_testmain.sh $$(wildcard tests/%/test_*.c) Makefile
	@mkdir -p $(dir $@)
	$(Q)sh tools/gen_testmain.sh $(sort $(wildcard tests/$*/test_*.c)) > $@.tmp && mv $@.tmp $@
$(B)/obj/gen/testmain_%.o: $(B)/gen/testmain_%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c $< -o $@
$(B)/tests/check_common: $(call test_objs,common) $(LIBCOMMON)
$(B)/tests/check_report: $(call test_objs,report) $(LIBREPORT) $(LIBCOMMON)
$(B)/tests/check_sim: $(call test_objs,sim) $(LIBSIM) $(LIBREPORT) $(LIBCOMMON)
$(B)/tests/check_assess: $(call test_objs,assess) $(LIBASSESS) $(LIBREPORT) $(LIBCOMMON)
$(B)/tests/check_%:
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBS)

TEST_BINS := $(addprefix $(B)/tests/check_,$(TEST_LIBS))

# Programs the CLI tests call (tests/cli/NAME.c, one file each): $(B)/tests/NAME.
CLI_HELPERS := $(patsubst tests/cli/%.c,$(B)/tests/%,$(sort $(wildcard tests/cli/*.c)))
$(CLI_HELPERS): $(B)/tests/%: $(B)/obj/tests/cli/%.o
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBS)

# Sanitizer runtime settings; lsan.supp names fontconfig's caches only.
TEST_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	MLOPSKIT=$(CURDIR)/$(BIN) MLOPSKIT_SRC=$(CURDIR)

deps:
	$(Q)sh tools/deps.sh

check-build: $(BIN) $(TEST_BINS) $(CLI_HELPERS)

check: deps
	$(Q)$(MAKE) --no-print-directory check-build
	$(Q)$(TEST_ENV) sh tests/run.sh $(TEST_BINS)

check-%: $(B)/tests/check_%
	$(Q)$(TEST_ENV) $<

check-cli: $(BIN) $(CLI_HELPERS)
	$(Q)$(TEST_ENV) sh tests/cli/run.sh

VALGRIND := valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
	--error-exitcode=1 --suppressions=$(CURDIR)/tests/valgrind.supp
memcheck: deps
	$(Q)$(MAKE) --no-print-directory check-build
	$(Q)CK_FORK=no VALGRIND="$(VALGRIND)" MLOPSKIT=$(CURDIR)/$(BIN) MLOPSKIT_SRC=$(CURDIR) \
		sh tests/memcheck.sh $(TEST_BINS)

# ---- benchmarks -------------------------------------------------------------
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BINS := $(patsubst bench/%.c,$(B)/bench/%,$(BENCH_SRC))
$(B)/bench/%: $(B)/obj/bench/%.o $(ALL_LIBS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(ALL_LIBS) $(LIBS)
bench: deps
	$(Q)$(MAKE) --no-print-directory $(BIN) $(BENCH_BINS)
	$(Q)MLOPSKIT=$(CURDIR)/$(BIN) sh bench/run.sh $(BENCH_BINS)

# ---- demo -------------------------------------------------------------------
demo: deps
	$(Q)$(MAKE) --no-print-directory bin/mlopskit
	$(Q)sh tools/demo.sh bin/mlopskit out

# ---- install ----------------------------------------------------------------
install: bin/mlopskit
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 bin/mlopskit $(DESTDIR)$(PREFIX)/bin/mlopskit
	install -m 644 docs/mlopskit.1 $(DESTDIR)$(PREFIX)/share/man/man1/mlopskit.1
	for f in $(RESOURCES); do \
		install -d $(DESTDIR)$(PREFIX)/share/mlopskit/$$(dirname $$f) && \
		install -m 644 $$f $(DESTDIR)$(PREFIX)/share/mlopskit/$$f || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mlopskit $(DESTDIR)$(PREFIX)/share/man/man1/mlopskit.1
	rm -rf $(DESTDIR)$(PREFIX)/share/mlopskit

clean:
	rm -rf build bin out

-include $(shell find build/$(VARIANT)/obj -name '*.d' 2>/dev/null)

# ---- fuzzing (docs/hardening.md) -----------------------------------------------
# `make fuzz` builds every fuzz/fuzz_*.c harness with clang and
# -fsanitize=fuzzer,address,undefined against libraries built the same way
# (build/fuzz), then runs each for FUZZ_SECONDS from seed corpora made from
# the test fixtures (fuzz/run.sh); it fails on any crash, leak, hang or OOM.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_NAMES := $(patsubst fuzz/%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
# clang reports OpenMP simd loops it leaves scalar; that is not an error.
FUZZ_MAKE := $(MAKE) --no-print-directory VARIANT=fuzz CC=$(FUZZ_CC) \
	SANITIZE=fuzzer-no-link,address,undefined CFLAGS="-O1 -g -Wno-pass-failed"
.PHONY: fuzz-build fuzz-bins
$(B)/fuzz/fuzz_%: $(B)/obj/fuzz/fuzz_%.o $(ALL_LIBS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $< $(ALL_LIBS) $(LIBS)
fuzz-bins: $(addprefix $(B)/fuzz/,$(FUZZ_NAMES))
fuzz-build:
	$(Q)$(FUZZ_MAKE) fuzz-bins
# The ordinary binary first (it writes JSON seeds), then the fuzz build:
# one after the other, as both use build/tools/embed.
fuzz: deps
	$(Q)$(MAKE) --no-print-directory $(BIN)
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) MLOPSKIT=$(CURDIR)/$(BIN) \
		sh fuzz/run.sh $(addprefix build/fuzz/fuzz/,$(FUZZ_NAMES))
