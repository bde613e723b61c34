import { App } from 'cdktn';
import type { AppConfig } from '../config/types';
import { PaymentStack, stackName } from './payment-stack';

/**
 * Terraform/OpenTofu versions the synthesized JSON targets. cdktn refuses S3-native state
 * locking (`use_lockfile`) unless the app declares 1.10 or later; `cdktf.json` says the same.
 */
export const TARGET_VERSIONS = { terraform: '>=1.10.0', opentofu: '>=1.10.0' } as const;

export interface BuiltApp {
  readonly app: App;
  readonly stack: PaymentStack;
}

/** An empty app writing to `outdir` (default: cdktn's, `CDKTF_OUTDIR` or `cdktf.out`). */
export function createApp(outdir?: string): App {
  return new App({
    ...(outdir === undefined ? {} : { outdir }),
    context: { targetVersions: TARGET_VERSIONS },
  });
}

/** The app for one validated configuration: one stack, `payment-<suffix>`. */
export function buildApp(config: AppConfig, outdir?: string): BuiltApp {
  const app = createApp(outdir);
  const stack = new PaymentStack(app, stackName(config.suffix), { config });
  return { app, stack };
}
