#!/usr/bin/env bash
# Install packages with apt-get, resolving version skew between architectures.
#
# A foreign-architecture package (libfoo:i386) that is "Multi-Arch: same" must
# have exactly the version of its native twin.  Mirrors sometimes lag for one
# architecture (a security index missing for i386, say), and then apt refuses
# with "Depends: X:i386 but it is not going to be installed".  We then look for
# a version of X that every involved architecture offers, pin both to it, and
# try again (a native package already installed at a version the foreign
# architecture lacks makes apt say "not installable": the pin downgrades it).
# Prints the apt error and exits 1 if no common version exists, or if the
# install would remove any package (it then names them).
#
# usage: apt-pin-install.sh ARCH PKG...
set -u
arch=$1; shift
pkgs=("$@")
pins=()

# The highest version of $1 offered for both the native arch and $arch.
# One apt-cache call per package: on a loaded machine each call costs
# seconds, and a skewed mirror needs several packages pinned.
common_version() {
	local p=$1 native
	native=$(dpkg --print-architecture)
	apt-cache madison "$p:$arch" "$p:$native" | awk -F'|' -v f="$p:$arch" '
		{ n = $1; gsub(/ /, "", n); v = $2; gsub(/ /, "", v) }
		n == f { order[++k] = v; next }
		{ native[v] = 1 }
		END { for (i = 1; i <= k; i++) if (order[i] in native) { print order[i]; exit 0 }; exit 1 }'
}


for attempt in 1 2 3 4 5 6 7 8; do
	out=$(apt-get install -s --no-install-recommends --allow-downgrades "${pkgs[@]}" "${pins[@]}" 2>&1)
	if [ $? -eq 0 ]; then
		# A pin can make apt remove what depends on the pinned
		# package (seen: libssl-dev and python3-dev, for one zlib
		# pin).  The host's packages are not ours to remove.
		gone=$(printf '%s\n' "$out" | awk '/^Remv /{print $2}' | tr '\n' ' ')
		if [ -n "$gone" ]; then
			echo "E: installing ${pkgs[*]} would remove ${gone% }; not done" >&2
			exit 1
		fi
		apt-get install -y -q --no-install-recommends --allow-downgrades "${pkgs[@]}" "${pins[@]}"
		exit $?
	fi
	unmet=$(printf '%s\n' "$out" | sed -n 's/.*Depends: \([a-z0-9][a-z0-9+.-]*\).* but \(it is not going to be installed\|it is not installable\|[^ ]* is to be installed\).*/\1/p' | sed 's/:.*//' | sort -u)
	[ -n "$unmet" ] || break
	progress=0
	for p in $unmet; do
		case " ${pins[*]} " in *" $p="*) continue ;; esac
		v=$(common_version "$p") || continue
		pins+=("$p=$v" "$p:$arch=$v")
		progress=1
	done
	[ $progress -eq 1 ] || break
done
printf '%s\n' "$out" | grep -E '^ |^E:' | tail -8 >&2
exit 1
