#!/usr/bin/env bash
# Regenerates deploy/man/consortiumctl*.1 (man pages; consortiumd.8 is written by hand) and deploy/completions/ from the ArgumentParser
# definitions of consortiumctl. Run after changing a command or option; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p deploy/man deploy/completions
rm -f deploy/man/consortiumctl*.1
swift package --allow-writing-to-package-directory generate-manual --multi-page --authors "consortiumd maintainers"
cp .build/plugins/GenerateManual/outputs/consortiumctl/*.1 deploy/man/
bin=$(swift build -c release --show-bin-path)
for shell in bash zsh fish; do
  "$bin/consortiumctl" --generate-completion-script "$shell" > "deploy/completions/consortiumctl.$shell"
done
ls deploy/man deploy/completions
