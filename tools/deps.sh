#!/bin/sh
# tools/deps.sh: the dependency step of `make demo`, `make check`, `make bench`.
# Quiet when everything is present. Otherwise installs the missing Debian
# packages with apt-get when run as root, or prints the exact command and
# exits 2. docs/building.md says why each package is needed.
set -u

need=""
want() { # want PACKAGE TEST...
	pkg=$1; shift
	if ! "$@" >/dev/null 2>&1; then need="$need $pkg"; fi
}
have_pc() { pkg-config --exists "$1"; }
have_font() { fc-list 2>/dev/null | grep -qi "$1"; }

want pkg-config command -v pkg-config
if command -v pkg-config >/dev/null 2>&1; then
	want libgsl-dev have_pc gsl
	want libxml2-dev have_pc libxml-2.0
	want libcairo2-dev have_pc cairo
	want libpango1.0-dev have_pc pangocairo
	want libjansson-dev have_pc jansson
	want check have_pc check
else
	need="$need libgsl-dev libxml2-dev libcairo2-dev libpango1.0-dev libjansson-dev check"
fi
want fontconfig command -v fc-list
want fonts-dejavu-core have_font 'DejaVu Sans'
want fonts-wqy-microhei have_font 'WenQuanYi Micro Hei'
want poppler-utils command -v pdftotext
want libxml2-utils command -v xmllint
want valgrind command -v valgrind
want libgomp1 sh -c 'ls /usr/lib/*/libgomp.so.1'

[ -z "$need" ] && exit 0

cmd="apt-get install -y --no-install-recommends$need"
if [ "$(id -u)" = 0 ]; then
	echo "mlopskit: installing missing build dependencies:$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 || { echo "mlopskit: error: apt-get update failed" >&2; exit 4; }
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $need >&2 ||
		{ echo "mlopskit: error: apt-get install failed" >&2; exit 4; }
	exit 0
fi
echo "mlopskit: missing build dependencies:$need" >&2
echo "run as root:  apt-get update && $cmd" >&2
exit 2
