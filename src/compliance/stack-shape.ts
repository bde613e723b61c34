/**
 * What kind of deployment a stack is, read from its resources (the gate sees only JSON): the
 * compute the app runs on and the database engine, for the auditor's stack table.
 */
import type { StackGraph } from '../tfjson/graph';

export interface StackShape {
  /** `ec2` (an Auto Scaling group), `ecs-fargate`, `ecs`, several joined by ` + `, or undefined. */
  readonly compute: string | undefined;
  /** The `engine` of the RDS clusters and instances (`aurora-mysql`), or undefined. */
  readonly database: string | undefined;
}

export function stackShape(graph: StackGraph): StackShape {
  const services = graph.resources('aws_ecs_service');
  const compute = [
    ...(graph.resources('aws_autoscaling_group').length > 0 ? ['ec2'] : []),
    ...(services.some((s) => s.attrs['launch_type'] === 'FARGATE') ? ['ecs-fargate'] : []),
    ...(services.some((s) => s.attrs['launch_type'] !== 'FARGATE') ? ['ecs'] : []),
  ];
  const engines = new Set(
    [...graph.resources('aws_rds_cluster'), ...graph.resources('aws_db_instance')]
      .map((db) => db.attrs['engine'])
      .filter((e): e is string => typeof e === 'string' && !e.includes('${')),
  );
  return {
    compute: compute.length > 0 ? compute.join(' + ') : undefined,
    database: engines.size > 0 ? [...engines].sort().join(' + ') : undefined,
  };
}
