import type { Block, StackGraph } from '../../tfjson/graph';
import { blockList } from '../../tfjson/graph';

/**
 * The parameters that apply to a database: the cluster parameter group of an Aurora
 * cluster (and its instance parameter group), or the parameter group of a DB instance,
 * as name -> value. Undefined when the resource uses the engine's default group.
 */
export function parametersOf(db: Block, graph: StackGraph): Map<string, string> | undefined {
  const attributes =
    db.type === 'aws_rds_cluster'
      ? ['db_cluster_parameter_group_name', 'db_instance_parameter_group_name']
      : ['parameter_group_name'];
  const groups = attributes
    .flatMap((a) => graph.refsFrom(db.address, a))
    .map((e) => graph.block(e.to))
    .filter(
      (b): b is Block =>
        b?.type === 'aws_rds_cluster_parameter_group' || b?.type === 'aws_db_parameter_group',
    );
  if (groups.length === 0) return undefined;
  const out = new Map<string, string>();
  for (const g of groups) {
    for (const p of blockList(g.attrs['parameter'])) {
      if (typeof p['name'] === 'string')
        out.set(p['name'].toLowerCase(), String(p['value']).toLowerCase());
    }
  }
  return out;
}

export function engineOf(db: Block): string {
  return typeof db.attrs['engine'] === 'string' ? db.attrs['engine'] : '';
}

export function isPostgres(db: Block): boolean {
  return /postgres/.test(engineOf(db));
}

export function isMysql(db: Block): boolean {
  return /mysql|mariadb/.test(engineOf(db));
}
