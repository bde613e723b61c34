import { describe, expect, it } from 'vitest';
import { Token } from 'cdktn';
import {
  encodeUserData,
  placeholderContainerCommand,
  placeholderUserData,
} from '../../../src/constructs/compute/placeholder-app';

const script = placeholderUserData(8080);

describe('placeholder app', () => {
  it('is a shell script that installs and starts a systemd service on the app port', () => {
    expect(script.startsWith('#!/bin/bash\nset -euo pipefail\n')).toBe(true);
    expect(script).toContain('Environment=PORT=8080');
    expect(script).toContain('ExecStart=/usr/bin/python3 /opt/payment-placeholder/server.py');
    expect(script).toContain('systemctl enable --now payment-placeholder.service');
  });

  it('answers /health with 200 and / with a page, as an unprivileged throwaway user', () => {
    expect(script).toContain("if self.path == '/health':");
    expect(script).toContain("self.reply(200, b'ok', 'text/plain')");
    expect(script).toContain("elif self.path == '/':");
    expect(script).toContain('DynamicUser=yes');
    expect(script).toContain('NoNewPrivileges=yes');
  });

  it('is encoded at synthesis (base64 round trip) and refuses Terraform tokens', () => {
    expect(Buffer.from(encodeUserData(script), 'base64').toString('utf8')).toBe(script);
    const withToken = `${script}\necho ${Token.asString({ resolve: () => 'x' })}`;
    expect(() => encodeUserData(withToken)).toThrow(/must not contain Terraform tokens/);
    expect(() => placeholderUserData(70000)).toThrow(/1-65535/);
  });

  it('serves the same two paths from /tmp with BusyBox httpd in the container', () => {
    const [shell, flag, command] = placeholderContainerCommand(9000);
    expect([shell, flag]).toEqual(['sh', '-c']);
    expect(command).toContain("printf 'ok' > /tmp/www/health");
    expect(command).toContain('/tmp/www/index.html');
    expect(command).toMatch(/exec httpd -f -v -p 9000 -h \/tmp\/www$/);
  });
});
