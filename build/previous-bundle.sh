#!/usr/bin/env bash
# Builds the previous release's bundle, dist/previous/<id>-<version>.tar.gz, from
# a git commit (default: 4a50685, version 0.1.0) for the upgrade test
# (e2e/upgrade_test.go). Only what that test runs is built: the linux-amd64
# server binary, the webapp and the assets. The manifest is the commit's own,
# untouched, so the server sees exactly the release it had before.
#
# The build is skipped when the bundle exists and was built from the same commit
# (dist/previous/<id>-<version>.commit holds its full hash).
#
# Usage: build/previous-bundle.sh [COMMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
commit_ref=${1:-4a50685}

if ! commit=$(git rev-parse --verify --quiet "${commit_ref}^{commit}"); then
	echo "previous-bundle: commit $commit_ref is not in this clone's history." >&2
	echo "The upgrade test needs the previous release's source: fetch the full history" >&2
	echo "(git fetch --unshallow, or clone without --depth) and try again." >&2
	exit 1
fi

manifest=$(git show "$commit:plugin.json")
id=$(sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p' <<<"$manifest" | head -1)
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' <<<"$manifest" | head -1)
out="dist/previous/$id-$version.tar.gz"
stamp="dist/previous/$id-$version.commit"

if [[ -f $out && -f $stamp && $(cat "$stamp") == "$commit" ]]; then
	echo "$out is up to date (commit ${commit:0:7})"
	exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src="$work/src"
mkdir -p "$src"
git archive "$commit" | tar -x -C "$src"

echo "previous-bundle: server linux/amd64 from ${commit:0:7} (version $version)"
(cd "$src" && CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -trimpath -ldflags "-s -w" \
	-o server/dist/plugin-linux-amd64 ./server)

# The webapp's dependencies: the current checkout's node_modules when it holds
# every package the old package.json names (it does unless a dependency was
# dropped since), otherwise a clean install from the npm cache.
needs_install=0
if [[ -d $repo/webapp/node_modules ]]; then
	deps=$(node -e 'const p=require(process.argv[1]); console.log(Object.keys({...p.dependencies, ...p.devDependencies}).join("\n"))' \
		"$src/webapp/package.json")
	while read -r dep; do
		[[ -z $dep || -f $repo/webapp/node_modules/$dep/package.json ]] || { needs_install=1; break; }
	done <<<"$deps"
else
	needs_install=1
fi
if ((needs_install)); then
	echo "previous-bundle: npm ci for the old webapp (from the npm cache when possible)"
	(cd "$src/webapp" && npm ci --prefer-offline --no-audit --no-fund)
else
	ln -s "$repo/webapp/node_modules" "$src/webapp/node_modules"
fi
echo "previous-bundle: webapp"
(cd "$src/webapp" && npm run --silent build)

stage="$work/stage"
mkdir -p "$stage/$id/server/dist" "$stage/$id/webapp" "$stage/$id/public"
cp "$src/plugin.json" "$stage/$id/"
cp -r "$src/assets" "$stage/$id/"
cp "$src/server/dist/plugin-linux-amd64" "$stage/$id/server/dist/"
cp -r "$src/webapp/dist" "$stage/$id/webapp/"
cp "$src/assets/icon.svg" "$stage/$id/public/"
mkdir -p dist/previous
tar -C "$stage" -czf "$out.tmp" "$id"
mv "$out.tmp" "$out"
echo "$commit" >"$stamp"
echo "$out $(du -h "$out" | cut -f1) (commit ${commit:0:7})"
