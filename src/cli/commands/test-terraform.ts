/** `npm run test:terraform`: the synthesized variants checked by real Terraform. */
import { runTerraformCheck } from '../../deploy/terraform-check/run';
import { defineCommand } from '../contract';

export const testTerraformCommand = defineCommand({
  name: 'test:terraform',
  summary:
    "Validates every synthesized variant with the real Terraform (or OpenTofu) and its providers, applies and destroys them against mocked AWS, and plans the diff's replacement table. SKIPPED, saying so, when no Terraform is on PATH (TERRAFORM_CHECK_REQUIRED=1 makes that a failure); TERRAFORM_TEST_MIRROR names a filesystem provider mirror.",
  options: {},
  run: (_args, io) => runTerraformCheck(io),
});
