import { analyseResilience } from '../../../resilience/analyse';
import { graphRule } from '../../rule';

/** Prod keeps taking payments when an AZ fails; other environments list the risk instead. */
export const resSurvivesAzLoss = graphRule({
  id: 'PAY-RES-001',
  title: 'Prod survives the loss of any one AZ with every tier serving',
  severity: 'high',
  prodOnly: true,
  resourceTypes: ['aws_subnet'],
  pci: ['12.10.1'],
  equivalents: { securityHub: ['ELB.13', 'AutoScaling.2', 'RDS.15'] },
  rationale:
    'A payment platform must keep taking payments when an Availability Zone fails: the load balancer, the app tier, the database, NAT egress and the interface endpoints each need capacity outside any one AZ (npm run resilience shows the simulation).',
  remediation:
    'Spread the app tier over every AZ with capacity to spare, keep a reader outside the writer AZ, use one NAT gateway per AZ with each private route table on its own AZ, and put interface endpoints in every AZ.',
  check(graph) {
    const analysis = analyseResilience(graph);
    return analysis.singlePointsOfFailure.map((message) => ({
      address: graph.resources('aws_subnet')[0]!.address,
      message,
    }));
  },
});
