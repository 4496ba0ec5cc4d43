#!/usr/bin/env bash
# Fails when the unit's sandbox regresses: systemd-analyze's offline exposure must stay <= 1.0.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-1.0}
line=$(systemd-analyze security --offline=true --no-pager deploy/consortiumd.service | tail -n 1)
echo "$line"
score=$(echo "$line" | grep -oE '[0-9]+\.[0-9]+' | head -n 1)
python3 -c "import sys; sys.exit(0 if float('$score') <= float('$limit') else 1)" \
  || { echo "unit exposure $score is above $limit" >&2; exit 1; }
