import { Lazy } from 'cdktn';

/** Condition block: operator -> condition key -> value(s), as IAM writes it. */
export type PolicyConditions = Readonly<
  Record<string, Readonly<Record<string, string | readonly string[]>>>
>;

export type PolicyPrincipal =
  | '*'
  | { readonly AWS: string | readonly string[] }
  | { readonly Service: string | readonly string[] };

export interface PolicyStatement {
  /** Unique within the document; says what the statement is for. */
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
  /** Omitted in identity policies (IAM role policies). */
  readonly principal?: PolicyPrincipal;
  readonly actions: readonly string[];
  /** Omitted only in trust (assume-role) policies, where IAM refuses a Resource element. */
  readonly resources?: readonly string[];
  readonly conditions?: PolicyConditions;
}

/**
 * A typed IAM policy document whose statements may be added until synthesis: a bucket or key
 * policy grows as other constructs ask for access (`allowLogDelivery`, `grant...`), and the
 * JSON is rendered once, lazily. References inside (ARNs, account IDs) stay Terraform tokens.
 */
export class PolicyDocument {
  private readonly statements: PolicyStatement[] = [];

  constructor(statements: readonly PolicyStatement[] = []) {
    this.addStatements(...statements);
  }

  addStatements(...statements: readonly PolicyStatement[]): void {
    for (const statement of statements) {
      if (this.statements.some((s) => s.sid === statement.sid)) {
        throw new Error(`Policy statement "${statement.sid}" is added twice`);
      }
      this.statements.push(statement);
    }
  }

  get statementIds(): readonly string[] {
    return this.statements.map((s) => s.sid);
  }

  /** The document as JSON, rendered at synthesis with every statement added by then. */
  toJson(): string {
    return Lazy.stringValue({ produce: () => JSON.stringify(this.render()) });
  }

  render(): Record<string, unknown> {
    return {
      Version: '2012-10-17',
      Statement: this.statements.map((s) => ({
        Sid: s.sid,
        Effect: s.effect,
        ...(s.principal === undefined ? {} : { Principal: s.principal }),
        Action: s.actions.length === 1 ? s.actions[0] : s.actions,
        ...(s.resources === undefined
          ? {}
          : { Resource: s.resources.length === 1 ? s.resources[0] : s.resources }),
        ...(s.conditions === undefined ? {} : { Condition: s.conditions }),
      })),
    };
  }
}
