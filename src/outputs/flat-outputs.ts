/**
 * Turns `terraform output -json` into the flat object integration tests read from
 * `cfn-outputs/flat-outputs.json` (output name -> value). Lists stay lists; sensitive outputs
 * are left out, since the file is written to disk and often uploaded as a CI artifact.
 */
export interface TerraformOutputValue {
  readonly value: unknown;
  readonly sensitive?: boolean;
  readonly type?: unknown;
}

export function flattenOutputs(
  outputs: Readonly<Record<string, TerraformOutputValue>>,
): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(outputs)) {
    if (output === null || typeof output !== 'object' || !('value' in output)) {
      throw new Error(`Output "${name}" is not in "terraform output -json" form (no "value")`);
    }
    if (output.sensitive) continue;
    flat[name] = output.value;
  }
  return flat;
}
