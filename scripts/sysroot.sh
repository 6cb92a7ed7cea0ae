#!/usr/bin/env bash
# Unpack a foreign architecture's Debian libraries into a private sysroot.
#
# usage: scripts/sysroot.sh [--check] ARCH DIR PKG...
#
# Installing libfoo-dev:s390x with dpkg ties it to the host: a
# "Multi-Arch: same" library must have exactly its native twin's version,
# and when a mirror carries a security update for amd64 but not for s390x
# apt resolves the skew by downgrading the host's libraries or removing
# its -dev packages (seen here: zlib, liblzma and libssl downgraded,
# python3-dev and libssl-dev removed).  The big-endian build only links
# against these libraries and runs under qemu-user, so they need not be
# installed at all: this script resolves the dependency closure of PKG...
# for ARCH, downloads the .debs with `apt-get download` and unpacks them
# with `dpkg-deb -x` into DIR.  Nothing on the host changes.
#
# The sysroot is whole, libc's headers and libraries included: the build
# compiles with `ARCH-linux-gnu-gcc --sysroot=DIR` and runs under
# `qemu-ARCH -L DIR`, with one libc for both.  Left out of the closure are
# only programs a sysroot has no use for.  Absolute symlinks are made
# relative so that they resolve inside DIR.  DIR/.packages lists what was
# unpacked, and DIR/.request what it was made for: the same request
# reuses DIR.
#
# Needs ARCH's package index (dpkg --add-architecture ARCH; apt-get
# update), which scripts/setup-deps.sh provides.  Exits 1 with apt's
# message when a package cannot be resolved or downloaded.
#
# With --check first, only says whether DIR is already made for this
# request: exit 0 if it is, 1 if not.
set -u
check=no
[ "${1:-}" = --check ] && { check=yes; shift; }
[ $# -ge 3 ] || { echo "usage: $0 [--check] ARCH DIR PKG..." >&2; exit 2; }
arch=$1 dir=$2; shift 2
skip='^(libc-dev-bin|icu-devtools|mawk|rpcsvc-proto):'
# The skip list is part of the request: changing it remakes the sysroot.
request="$arch $* -$skip"

if [ -f "$dir/.request" ] && [ "$(cat "$dir/.request")" = "$request" ] &&
	[ -s "$dir/.packages" ]; then
	exit 0
fi
[ $check = no ] || exit 1

qualified=()
for p in "$@"; do qualified+=("$p:$arch"); done

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

# Every dependency, recursively; virtual packages (<...>) are satisfied by
# a real one that the recursion lists too.
if ! apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
	--no-breaks --no-replaces --no-enhances "${qualified[@]}" >"$work/deps" 2>"$work/err"; then
	echo "sysroot: cannot resolve ${qualified[*]}: $(head -1 "$work/err")" >&2
	exit 1
fi
grep -v '^ ' "$work/deps" | grep ":$arch\$" | grep -Ev "$skip" | sort -u >"$work/closure"

mkdir "$work/debs"
if ! (cd "$work/debs" && apt-get download $(cat "$work/closure")) >"$work/dl.log" 2>&1; then
	echo "sysroot: apt-get download failed: $(grep -E '^E:' "$work/dl.log" | head -1)" >&2
	exit 1
fi

rm -rf "$dir.new"
mkdir -p "$dir.new"
for deb in "$work"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dir.new" || { echo "sysroot: cannot unpack $deb" >&2; exit 1; }
	dpkg-deb -W --showformat='${Package}=${Version}\n' "$deb" >>"$dir.new/.packages"
done

# /lib/s390x-linux-gnu/libz.so.1 must mean DIR/lib/..., not the host's.
find "$dir.new" -type l -lname '/*' | while read -r link; do
	target=$(readlink "$link")
	ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$dir.new$target")" "$link"
done

echo "$request" >"$dir.new/.request"
rm -rf "$dir"
mv "$dir.new" "$dir"
echo "sysroot: $arch: $(wc -l <"$dir/.packages") packages unpacked in $dir"
