#!/bin/bash
# Renders every document type from the Musterkreis demo data, as PDF and as DOCX laid out by
# LibreOffice, into page images (pdftoppm) for a side-by-side review (docs/sitzungsmappe.md).
# Needs Node 22 on PATH, soffice and poppler-utils. Usage: scripts/render-review.sh [OUT_DIR]
set -u
cd "$(dirname "$0")/.."
O=${1:-/tmp/vorlagenwerk-review}
D=$O/data
rm -rf "$O"; mkdir -p $O/docx $O/png
V="node bin/vorlagenwerk.mjs --data-dir $D"
$V demo >/dev/null
$V sitzung versandt 4 --datum 2026-12-04 >/dev/null
$V vorlage resend 50/005/2026 --gremium soz --sitzung 4 >/dev/null || echo "resend failed"
r() { $V "$@" >/dev/null 2>$O/err.txt || { echo "FAILED: $*"; cat $O/err.txt; }; }
r vorlage export 50/001/2026 --format pdf --out $O/vorlage.pdf --sitzung 4
r vorlage export 50/001/2026 --format docx --out $O/docx/vorlage.docx --sitzung 4 --ohne-hausvorlage
r vorlage export 50/008/2026 --format pdf --out $O/vorlage-np.pdf --sitzung 4
r result export 50/006/2026 --sitzung 3 --format pdf --out $O/ergebnis.pdf
r result export 50/006/2026 --sitzung 3 --format docx --out $O/docx/ergebnis.docx
r sitzung auszug 3 2 --format pdf --out $O/auszug.pdf
r sitzung auszug 3 2 --format docx --out $O/docx/auszug.docx
r sitzung einladung 4 --format pdf --variant public --out $O/einladung-public.pdf
r sitzung einladung 4 --format pdf --variant members --out $O/einladung-members.pdf
r sitzung einladung 4 --format docx --variant members --out $O/docx/einladung-members.docx
r sitzung nachtrag 4 --format pdf --variant members --out $O/nachtrag.pdf
r sitzung nachtrag 4 --format docx --variant members --out $O/docx/nachtrag.docx
r sitzung niederschrift 1 --format pdf --variant public --out $O/niederschrift-public.pdf
r sitzung niederschrift 1 --format pdf --variant members --out $O/niederschrift-members.pdf
r sitzung niederschrift 1 --format docx --variant members --out $O/docx/niederschrift-members.docx
$V beschlusskontrolle set 1 --frist 2027-03-31 --zustaendig 50 --vermerk "Zwischenbericht im Sozialausschuss vorgesehen" >/dev/null
r beschlusskontrolle report --gremium ka --format pdf --variant members --out $O/beschlusskontrolle.pdf
r beschlusskontrolle report --gremium ka --format docx --variant members --out $O/docx/beschlusskontrolle.docx
r sitzung pack 4 --variant members --out $O/mappe.pdf
(cd $O/docx && soffice -env:UserInstallation=file://$O/profile --headless --norestore --convert-to pdf --outdir lo *.docx >/dev/null 2>&1)
for f in $O/*.pdf; do b=$(basename $f .pdf); pdftoppm -r 70 -png -l 4 $f $O/png/$b; done
for f in $O/docx/lo/*.pdf; do b=$(basename $f .pdf); pdftoppm -r 70 -png -l 3 $f $O/png/docx-$b; done
for f in $O/*.pdf $O/docx/lo/*.pdf; do echo "$f $(pdfinfo $f | grep Pages)"; done
