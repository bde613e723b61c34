import { isObject } from '../../../tfjson/graph';
import { isTrue, resourceRule } from '../../rule';

/**
 * A final snapshot is only a backup while its key exists: a customer managed key that the
 * stack destroys with the database (scheduled deletion, then gone) leaves a snapshot nobody
 * can ever decrypt or restore.
 */
export const rdsSnapshotKeyRetained = resourceRule({
  id: 'PAY-RDS-018',
  title: 'A database that keeps a final snapshot keeps the key that encrypts it',
  severity: 'high',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['3.6.1', '12.10.1'],
  equivalents: {},
  rationale:
    'A final snapshot encrypted with a key that is deleted with the stack can never be restored, so the backup exists only on paper.',
  remediation:
    'Set lifecycle.prevent_destroy on the aws_kms_key named by kms_key_id, or encrypt with a key that lives outside the stack (a data source or an ARN).',
  test: (db, graph) => {
    if (isTrue(db.attrs['skip_final_snapshot'])) return undefined;
    const keys = graph
      .refsFrom(db.address, 'kms_key_id')
      .map((e) => graph.block(e.to))
      .filter((b) => b !== undefined && b.kind === 'resource' && b.type === 'aws_kms_key');
    return keys
      .filter((key) => {
        const lifecycle = key!.attrs['lifecycle'];
        return !(isObject(lifecycle) && isTrue(lifecycle['prevent_destroy']));
      })
      .map(
        (key) =>
          `keeps a final snapshot but its key ${key!.address} has no lifecycle.prevent_destroy: destroying the stack deletes the key and the snapshot becomes unreadable`,
      );
  },
});
