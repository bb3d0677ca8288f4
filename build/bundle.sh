#!/usr/bin/env bash
# Packs the built plugin into dist/<id>-<version>.tar.gz in the layout Mattermost
# expects: <id>/plugin.json, <id>/server/dist/*, <id>/webapp/dist/main.js, <id>/assets.
set -euo pipefail
cd "$(dirname "$0")/.."
id=$(sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p' plugin.json | head -1)
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' plugin.json | head -1)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$id/server" "$stage/$id/webapp"
cp plugin.json "$stage/$id/"
cp -r assets "$stage/$id/"
cp -r server/dist "$stage/$id/server/"
cp -r webapp/dist "$stage/$id/webapp/"
mkdir -p "$stage/$id/public" && cp assets/icon.svg "$stage/$id/public/"
mkdir -p dist
tar -C "$stage" -czf "dist/$id-$version.tar.gz" "$id"
echo "dist/$id-$version.tar.gz $(du -h "dist/$id-$version.tar.gz" | cut -f1)"
