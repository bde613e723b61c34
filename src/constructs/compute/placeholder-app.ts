import { Token } from 'cdktn';

/**
 * The placeholder app that makes the first deploy healthy before the real application
 * exists: `GET /health` answers 200 `ok`, `GET /` a small page, anything else 404. Users
 * replace it with their own AMI or user data (EC2) or image (Fargate); see docs/operations.md, "Replacing the placeholder app".
 */

export const PLACEHOLDER_PAGE =
  '<!doctype html><title>Payment platform</title><h1>Payment platform</h1><p>Placeholder app: replace it with your application.</p>';

/** Where the EC2 placeholder lives and the systemd unit that runs it. */
export const PLACEHOLDER_SERVICE = 'payment-placeholder';

/**
 * EC2 user data (a shell script for cloud-init) that installs the placeholder as a systemd
 * service on `port`, run by a throwaway unprivileged user (`DynamicUser`) with a read-only
 * view of the system. Python 3 ships with Amazon Linux 2023, so nothing is downloaded.
 *
 * Built from plain values only: `Fn.base64encode` rejects a multi-line string that holds a
 * Terraform token, so the script is encoded here, at synthesis.
 */
export function placeholderUserData(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Placeholder port must be 1-65535, got ${port}`);
  }
  const server = [
    'import http.server, os',
    `PAGE = ${JSON.stringify(PLACEHOLDER_PAGE)}.encode()`,
    'class Handler(http.server.BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    "        if self.path == '/health':",
    "            self.reply(200, b'ok', 'text/plain')",
    "        elif self.path == '/':",
    "            self.reply(200, PAGE, 'text/html')",
    '        else:',
    "            self.reply(404, b'not found', 'text/plain')",
    '    def reply(self, status, body, kind):',
    '        self.send_response(status)',
    "        self.send_header('Content-Type', kind)",
    "        self.send_header('Content-Length', str(len(body)))",
    '        self.end_headers()',
    '        self.wfile.write(body)',
    "http.server.ThreadingHTTPServer(('', int(os.environ['PORT'])), Handler).serve_forever()",
  ].join('\n');
  const unit = [
    '[Unit]',
    'Description=Payment platform placeholder app (replace with the real application)',
    'After=network-online.target',
    'Wants=network-online.target',
    '[Service]',
    `Environment=PORT=${port}`,
    `ExecStart=/usr/bin/python3 /opt/${PLACEHOLDER_SERVICE}/server.py`,
    'DynamicUser=yes',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ProtectHome=yes',
    'PrivateTmp=yes',
    'Restart=always',
    '[Install]',
    'WantedBy=multi-user.target',
  ].join('\n');
  const script = [
    '#!/bin/bash',
    'set -euo pipefail',
    `install -d -m 0755 /opt/${PLACEHOLDER_SERVICE}`,
    `cat > /opt/${PLACEHOLDER_SERVICE}/server.py <<'PY'`,
    server,
    'PY',
    `cat > /etc/systemd/system/${PLACEHOLDER_SERVICE}.service <<'UNIT'`,
    unit,
    'UNIT',
    'systemctl daemon-reload',
    `systemctl enable --now ${PLACEHOLDER_SERVICE}.service`,
    '',
  ].join('\n');
  return script;
}

/** Base64 of user data, refusing anything that still holds a Terraform token. */
export function encodeUserData(script: string): string {
  if (Token.isUnresolved(script)) {
    throw new Error('User data must not contain Terraform tokens: it is encoded at synthesis');
  }
  return Buffer.from(script, 'utf8').toString('base64');
}

/**
 * The Fargate placeholder's start command for BusyBox: write the two files into the
 * writable `/tmp` volume and serve them with `httpd` in the foreground on `port`.
 */
export function placeholderContainerCommand(port: number): string[] {
  const script = [
    'mkdir -p /tmp/www',
    "printf 'ok' > /tmp/www/health",
    `printf '%s' '${PLACEHOLDER_PAGE}' > /tmp/www/index.html`,
    `exec httpd -f -v -p ${port} -h /tmp/www`,
  ].join(' && ');
  return ['sh', '-c', script];
}

/** Container health check for the placeholder (BusyBox has `wget`). */
export function placeholderHealthCommand(port: number): string[] {
  return ['CMD-SHELL', `wget -q -O /dev/null http://127.0.0.1:${port}/health || exit 1`];
}
