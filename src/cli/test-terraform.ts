// npm run test:terraform: real Terraform over the synthesized variants.
import { runTerraformCheck } from '../deploy/terraform-check/run';

process.exitCode = runTerraformCheck();
