import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveEnvironment } from '../../src/rehearsal/derive';
import { EMULATOR_ACCOUNT } from '../../src/rehearsal/emulator';

const root = mkdtempSync(join(tmpdir(), 'rehearsal-derive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const CERT = `arn:aws:acm:eu-west-1:${EMULATOR_ACCOUNT}:certificate/00000000-0000-0000-0000-000000000000`;

describe('the rehearsal environment', () => {
  it("points every account at the emulator's and uses the imported certificate", () => {
    mkdirSync(join(root, 'config'), { recursive: true });
    writeFileSync(
      join(root, 'config', 'prod.json'),
      JSON.stringify({
        allowedAccountIds: ['111122223333'],
        keyAdministratorArns: ['arn:aws:iam::111122223333:role/KeyAdmins'],
        certificate: { domainName: 'pay.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
        compute: {
          kind: 'ecs-fargate',
          image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/pay:1',
        },
        alarmEmail: 'oncall@example.com',
        region: 'eu-west-1',
        backend: { bucket: 'payment-tfstate-111122223333-euw1', region: 'eu-west-1' },
      }),
    );
    const derived = deriveEnvironment(root, 'prod', CERT);
    expect(derived.from).toBe('config/prod.json');
    expect(derived.config).toEqual({
      allowedAccountIds: [EMULATOR_ACCOUNT],
      keyAdministratorArns: [`arn:aws:iam::${EMULATOR_ACCOUNT}:role/KeyAdmins`],
      certificate: { certificateArn: CERT },
      compute: {
        kind: 'ecs-fargate',
        image: `${EMULATOR_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/pay:1`,
      },
      alarmEmail: 'oncall@example.com',
      region: 'eu-west-1',
    });
    // Never the committed state: no backend, so the state stays in the rehearsal's folder.
    expect(derived.config['backend']).toBeUndefined();
    expect(JSON.stringify(derived.config)).not.toContain('111122223333');
  });

  it('derives from the profile defaults when the environment has no file', () => {
    const derived = deriveEnvironment(root, 'dev', CERT);
    expect(derived.from).toBeUndefined();
    expect(derived.config).toEqual({
      allowedAccountIds: [EMULATOR_ACCOUNT],
      certificate: { certificateArn: CERT },
    });
  });

  it('refuses a committed file that is not JSON, naming it', () => {
    writeFileSync(join(root, 'config', 'broken.json'), '{ nope');
    expect(() => deriveEnvironment(root, 'broken', CERT)).toThrow(/config\/broken\.json: not JSON/);
  });
});
