#!/usr/bin/env bash
# Renders the Word templates and the compliant fixture to PDF and PNG pages, to look at the
# layout (docs/word-forms.md). Not run by CI. Needs LibreOffice Writer and poppler-utils:
#   apt-get install -y libreoffice-writer-nogui poppler-utils fonts-wqy-zenhei   (a CJK font: without one the Chinese text renders as boxes)
# Usage: bash scripts/render-docx.sh [OUTDIR]   (default /tmp/docx-render)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/docx-render}"
mkdir -p "$out"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for f in templates/application-form.docx templates/agreement-form.docx Tests/Fixtures/docx/01-combined.docx; do
    libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$f" >/dev/null
    pdf="$out/$(basename "${f%.docx}").pdf"
    rm -f "${pdf%.pdf}"-*.png
    pdftoppm -r 60 -png "$pdf" "${pdf%.pdf}"
    echo "$pdf: $(ls "${pdf%.pdf}"-*.png | wc -l) page(s)"
done
