#!/usr/bin/env bash
# Installs consortiumd on a Debian/Ubuntu host with systemd, idempotently (running it again
# upgrades in place and keeps every document, notice and setting).
#
#   sudo deploy/install.sh                 build (release, static Swift runtime) and install
#   sudo deploy/install.sh --bin DIR       install binaries already built in DIR
#   sudo deploy/install.sh --no-start      install, but do not enable/start the service
#   sudo deploy/install.sh --uninstall     remove programs, unit, catalog, completions, man pages;
#                                          KEEP /var/lib/consortiumd, /etc/consortiumd and the users
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
prefix=/usr/local
bin_dir=""
start=1
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin_dir=$2; shift 2 ;;
    --no-start) start=0; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo)" >&2; exit 2; }
systemd_running=0
[ -d /run/systemd/system ] && systemd_running=1

unit=$prefix/lib/systemd/system/consortiumd.service
catalog_dir=$prefix/lib/systemd/catalog
say() { printf 'install.sh: %s\n' "$*"; }

if [ $uninstall -eq 1 ]; then
  if [ $systemd_running -eq 1 ]; then systemctl disable --now consortiumd.service 2>/dev/null || true; fi
  rm -f "$prefix/bin/consortiumd" "$prefix/bin/consortiumctl" "$unit" \
        "$catalog_dir/consortiumd.catalog" "$catalog_dir/consortiumd.zh_CN.catalog" \
        /usr/share/bash-completion/completions/consortiumctl \
        "$prefix/share/zsh/site-functions/_consortiumctl" /usr/share/fish/vendor_completions.d/consortiumctl.fish
  rm -f "$prefix"/share/man/man1/consortiumctl*.1 "$prefix/share/man/man8/consortiumd.8"
  rm -f "$prefix/lib/tmpfiles.d/consortiumd-node-exporter.conf" /var/lib/prometheus/node-exporter/consortiumd.prom
  rm -rf "$prefix/share/doc/consortiumd" "$prefix/share/consortiumd"
  journalctl --update-catalog 2>/dev/null || true
  [ $systemd_running -eq 1 ] && systemctl daemon-reload
  say "removed the programs; kept /var/lib/consortiumd, /etc/consortiumd, the tmpfiles/sysusers entries and the users"
  exit 0
fi

if [ -z "$bin_dir" ]; then
  command -v swift >/dev/null || { echo "install.sh: no swift to build with; pass --bin DIR" >&2; exit 2; }
  (cd "$top" && swift build -c release --static-swift-stdlib --scratch-path .build-static --product consortiumd \
     && swift build -c release --static-swift-stdlib --scratch-path .build-static --product consortiumctl)
  bin_dir="$top/.build-static/release"
fi
for program in consortiumd consortiumctl; do
  [ -x "$bin_dir/$program" ] || { echo "install.sh: $bin_dir/$program is missing" >&2; exit 2; }
done

say "programs -> $prefix/bin"
install -d "$prefix/bin"
install -m 0755 "$bin_dir/consortiumd" "$prefix/bin/consortiumd.new" && mv -f "$prefix/bin/consortiumd.new" "$prefix/bin/consortiumd"
install -m 0755 "$bin_dir/consortiumctl" "$prefix/bin/consortiumctl.new" && mv -f "$prefix/bin/consortiumctl.new" "$prefix/bin/consortiumctl"

say "user consortiumd, group consortium (sysusers.d)"
install -D -m 0644 "$here/sysusers.d/consortiumd.conf" "$prefix/lib/sysusers.d/consortiumd.conf"
systemd-sysusers "$prefix/lib/sysusers.d/consortiumd.conf"

say "directories under /var/lib/consortiumd (tmpfiles.d)"
install -D -m 0644 "$here/tmpfiles.d/consortiumd.conf" "$prefix/lib/tmpfiles.d/consortiumd.conf"
systemd-tmpfiles --create "$prefix/lib/tmpfiles.d/consortiumd.conf"

if getent passwd prometheus >/dev/null; then
  # prometheus-node-exporter is installed: let it read the metrics from its textfile directory
  # (runbook.md 15.2).
  say "node_exporter: link /var/lib/prometheus/node-exporter/consortiumd.prom, ACL u:prometheus:--x on /var/lib/consortiumd (tmpfiles.d)"
  install -D -m 0644 "$here/prometheus/consortiumd-node-exporter.conf" "$prefix/lib/tmpfiles.d/consortiumd-node-exporter.conf"
  systemd-tmpfiles --create "$prefix/lib/tmpfiles.d/consortiumd-node-exporter.conf" \
    || say "warning: systemd-tmpfiles could not apply consortiumd-node-exporter.conf (runbook.md 15.2)"
  if [ -d /var/lib/prometheus/node-exporter ]; then
    ln -sfn /var/lib/consortiumd/metrics/consortiumd.prom /var/lib/prometheus/node-exporter/consortiumd.prom
  fi
fi

say "configuration /etc/consortiumd/consortiumd.yaml (kept when present)"
install -d -m 0755 /etc/consortiumd
if [ ! -e /etc/consortiumd/consortiumd.yaml ]; then
  install -m 0644 "$top/config/consortiumd.yaml" /etc/consortiumd/consortiumd.yaml
else
  install -m 0644 "$top/config/consortiumd.yaml" /etc/consortiumd/consortiumd.yaml.default
fi

say "unit $unit"
install -D -m 0644 "$here/consortiumd.service" "$unit"

say "message catalog (journalctl -x)"
install -D -m 0644 "$here/catalog/consortiumd.catalog" "$catalog_dir/consortiumd.catalog"
install -D -m 0644 "$here/catalog/consortiumd.zh_CN.catalog" "$catalog_dir/consortiumd.zh_CN.catalog"
journalctl --update-catalog

say "Prometheus alert rules -> $prefix/share/consortiumd/prometheus (runbook.md 15.3)"
install -D -m 0644 "$here/prometheus/consortiumd.rules.yml" "$prefix/share/consortiumd/prometheus/consortiumd.rules.yml"
install -D -m 0644 "$here/journal-remote/journal-upload.conf" "$prefix/share/consortiumd/journal-remote/journal-upload.conf"
install -D -m 0644 "$here/journal-remote/journal-remote.conf" "$prefix/share/consortiumd/journal-remote/journal-remote.conf"
install -D -m 0644 "$here/journal-remote/nftables-journal-remote.conf" "$prefix/share/consortiumd/journal-remote/nftables-journal-remote.conf"
install -D -m 0644 "$here/journal-remote/ssl-cert-group.conf" "$prefix/share/consortiumd/journal-remote/ssl-cert-group.conf"

say "documentation, man pages, shell completions"
install -D -m 0644 "$top/runbook.md" "$prefix/share/doc/consortiumd/runbook.md"
install -D -m 0644 "$top/README.md" "$prefix/share/doc/consortiumd/README.md"
install -D -m 0644 "$top/docs/word-forms.md" "$prefix/share/doc/consortiumd/word-forms.md"
# The Word templates consortia fill in (runbook 4.4).
install -D -m 0644 "$top/templates/application-form.docx" "$prefix/share/consortiumd/templates/application-form.docx"
install -D -m 0644 "$top/templates/agreement-form.docx" "$prefix/share/consortiumd/templates/agreement-form.docx"
if [ -d "$here/man" ]; then
  install -d "$prefix/share/man/man1"
  install -m 0644 "$here"/man/*.1 "$prefix/share/man/man1/"
  install -D -m 0644 "$here/man/consortiumd.8" "$prefix/share/man/man8/consortiumd.8"
fi
install -d /usr/share/bash-completion/completions "$prefix/share/zsh/site-functions" /usr/share/fish/vendor_completions.d
"$prefix/bin/consortiumctl" --generate-completion-script bash > /usr/share/bash-completion/completions/consortiumctl
"$prefix/bin/consortiumctl" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_consortiumctl"
"$prefix/bin/consortiumctl" --generate-completion-script fish > /usr/share/fish/vendor_completions.d/consortiumctl.fish

if [ $systemd_running -eq 1 ]; then
  systemctl daemon-reload
  if [ $start -eq 1 ]; then
    systemctl enable consortiumd.service
    if systemctl is-active --quiet consortiumd.service; then
      say "restarting the running service (upgrade)"
      systemctl restart consortiumd.service
    else
      systemctl start consortiumd.service
    fi
    systemctl --no-pager status consortiumd.service | head -n 5
  fi
else
  say "systemd is not running here: start consortiumd.service once it is"
fi
say "done. Operators: usermod -aG consortium NAME; runbook: $prefix/share/doc/consortiumd/runbook.md"
