/**
 * A parser for the Terraform template strings CDK Terrain writes into `cdk.tf.json`:
 * literal text with `${ expression }` interpolations and `%{ if/for }` directives, where
 * `$${` and `%%{` are escapes for a literal `${` and `%{`. Expressions follow the HCL
 * grammar: literals, strings (themselves templates), traversals (`aws_vpc.v.id`,
 * `data.x.y.names[2]`, `aws_subnet.s.*.id`), function calls (also `provider::aws::fn`),
 * tuples, objects, `for` expressions, unary/binary operators, conditionals and splats.
 *
 * The gate only needs the references an expression makes, but it parses the whole
 * expression so that a string such as `"${foo(}"` is reported as malformed rather than
 * silently yielding a wrong reference.
 */

export type Expr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'template'; readonly parts: readonly TemplatePart[] }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'getattr'; readonly target: Expr; readonly name: string }
  | { readonly kind: 'index'; readonly target: Expr; readonly key: Expr }
  | { readonly kind: 'splat'; readonly target: Expr; readonly each: readonly Step[] }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[] }
  | {
      readonly kind: 'object';
      readonly items: ReadonlyArray<{ readonly key: Expr; readonly value: Expr }>;
    }
  | {
      readonly kind: 'for';
      readonly keyVar: string | undefined;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly keyExpr: Expr | undefined;
      readonly valueExpr: Expr;
      readonly condition: Expr | undefined;
    }
  | { readonly kind: 'unary'; readonly op: string; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | {
      readonly kind: 'conditional';
      readonly test: Expr;
      readonly then: Expr;
      readonly otherwise: Expr;
    };

/** A step applied to each element after a splat (`.*.id` / `[*].id`). */
export type Step =
  | { readonly kind: 'attr'; readonly name: string }
  | { readonly kind: 'index'; readonly key: Expr };

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly expr: Expr }
  | {
      readonly kind: 'directive';
      readonly keyword: 'if' | 'else' | 'endif' | 'for' | 'endfor';
      readonly expr?: Expr;
      readonly vars?: readonly string[];
    };

export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset} in ${JSON.stringify(truncate(source))}`);
  }
}

function truncate(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** True if the string contains an interpolation or directive (not only escaped ones). */
export function hasTemplateSequence(s: string): boolean {
  for (let i = s.indexOf('{', 1); i >= 1; i = s.indexOf('{', i + 1)) {
    const c = s[i - 1];
    if ((c === '$' || c === '%') && !(i >= 2 && s[i - 2] === c)) return true;
  }
  return false;
}

/** Parses a whole template string (the value of a JSON string in `cdk.tf.json`). */
export function parseTemplate(source: string): TemplatePart[] {
  const parser = new Parser(source, 0);
  const parts = parser.templateUntil(undefined);
  return parts;
}

/**
 * A reference an expression makes: the root-relative traversal, e.g.
 * `['aws_vpc', 'Network_Vpc', 'id']` or `['data', 'aws_partition', 'p', 'partition']`,
 * with numeric index keys kept as strings. Names bound by `for` expressions and template
 * `for` directives are excluded.
 */
export interface Reference {
  readonly path: readonly string[];
}

/** Every reference made by the expressions of a template string. */
export function referencesIn(parts: readonly TemplatePart[]): Reference[] {
  const out: Reference[] = [];
  const bound: string[] = [];
  for (const part of parts) {
    if (part.kind === 'interpolation') collect(part.expr, bound, out);
    else if (part.kind === 'directive') {
      if (part.expr) collect(part.expr, bound, out);
      if (part.keyword === 'for' && part.vars) bound.push(...part.vars);
    }
  }
  return out;
}

function collect(expr: Expr, bound: readonly string[], out: Reference[]): void {
  switch (expr.kind) {
    case 'literal':
      return;
    case 'template':
      for (const part of expr.parts) {
        if (part.kind === 'interpolation') collect(part.expr, bound, out);
        else if (part.kind === 'directive' && part.expr) collect(part.expr, bound, out);
      }
      return;
    case 'variable':
    case 'getattr':
    case 'index':
    case 'splat': {
      const path = traversalPath(expr, bound, out);
      if (path) out.push({ path });
      return;
    }
    case 'call':
      for (const a of expr.args) collect(a, bound, out);
      return;
    case 'tuple':
      for (const i of expr.items) collect(i, bound, out);
      return;
    case 'object':
      for (const i of expr.items) {
        // A bare identifier as an object key is a literal key, not a reference.
        if (i.key.kind !== 'variable') collect(i.key, bound, out);
        collect(i.value, bound, out);
      }
      return;
    case 'for': {
      collect(expr.collection, bound, out);
      const inner = [...bound, expr.valueVar, ...(expr.keyVar ? [expr.keyVar] : [])];
      if (expr.keyExpr) collect(expr.keyExpr, inner, out);
      collect(expr.valueExpr, inner, out);
      if (expr.condition) collect(expr.condition, inner, out);
      return;
    }
    case 'unary':
      collect(expr.operand, bound, out);
      return;
    case 'binary':
      collect(expr.left, bound, out);
      collect(expr.right, bound, out);
      return;
    case 'conditional':
      collect(expr.test, bound, out);
      collect(expr.then, bound, out);
      collect(expr.otherwise, bound, out);
      return;
  }
}

/**
 * The static path of a traversal rooted at a variable (`a.b[0].c`), or undefined when the
 * root is not a variable (`f(x).y`) or is bound by a `for`. Index keys that are not literals
 * end the path; their own references are collected.
 */
function traversalPath(
  expr: Expr,
  bound: readonly string[],
  out: Reference[],
): string[] | undefined {
  switch (expr.kind) {
    case 'variable':
      return bound.includes(expr.name) ? undefined : [expr.name];
    case 'getattr': {
      const base = traversalPath(expr.target, bound, out);
      return base ? [...base, expr.name] : undefined;
    }
    case 'index': {
      const base = traversalPath(expr.target, bound, out);
      if (expr.key.kind === 'literal' && expr.key.value !== null) {
        return base ? [...base, String(expr.key.value)] : undefined;
      }
      collect(expr.key, bound, out);
      if (base) out.push({ path: base });
      return undefined;
    }
    case 'splat': {
      const base = traversalPath(expr.target, bound, out);
      for (const step of expr.each) if (step.kind === 'index') collect(step.key, bound, out);
      return base;
    }
    default:
      collect(expr, bound, out);
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Parser

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

class Parser {
  constructor(
    private readonly src: string,
    private pos: number,
  ) {}

  private fail(message: string): never {
    throw new ExpressionSyntaxError(message, this.src, this.pos);
  }

  /**
   * Template text up to `terminator` (`"` for a quoted string inside an expression, or
   * the end of input at top level).
   */
  templateUntil(terminator: '"' | undefined): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let text = '';
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (terminator && c === terminator) break;
      if (terminator && c === '\\') {
        text += this.escape();
        continue;
      }
      if ((c === '$' || c === '%') && src[this.pos + 1] === c && src[this.pos + 2] === '{') {
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (c === '$' && src[this.pos + 1] === '{') {
        if (text) parts.push({ kind: 'text', text });
        text = '';
        this.pos += 2;
        this.skipStrip();
        const expr = this.expression();
        this.skipStrip();
        this.expect('}');
        parts.push({ kind: 'interpolation', expr });
        continue;
      }
      if (c === '%' && src[this.pos + 1] === '{') {
        if (text) parts.push({ kind: 'text', text });
        text = '';
        this.pos += 2;
        this.skipStrip();
        parts.push(this.directive());
        this.skipStrip();
        this.expect('}');
        continue;
      }
      text += c;
      this.pos++;
    }
    if (terminator && this.pos >= src.length) this.fail('Unterminated string');
    if (text) parts.push({ kind: 'text', text });
    return parts;
  }

  private escape(): string {
    const next = this.src[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u': {
        const hex = this.src.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape');
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        return this.fail(`Invalid escape \\${next ?? ''}`);
    }
  }

  /** `~` strip markers next to `${`, `%{` and `}`. */
  private skipStrip(): void {
    this.ws();
    if (this.src[this.pos] === '~') {
      this.pos++;
      this.ws();
    }
  }

  private directive(): TemplatePart {
    const word = this.identifier();
    this.ws();
    switch (word) {
      case 'if':
        return { kind: 'directive', keyword: 'if', expr: this.expression() };
      case 'else':
      case 'endif':
      case 'endfor':
        return { kind: 'directive', keyword: word };
      case 'for': {
        const vars = [this.identifier()];
        this.ws();
        if (this.src[this.pos] === ',') {
          this.pos++;
          this.ws();
          vars.push(this.identifier());
          this.ws();
        }
        if (this.identifier() !== 'in') this.fail('Expected "in"');
        this.ws();
        return { kind: 'directive', keyword: 'for', vars, expr: this.expression() };
      }
      default:
        return this.fail(`Unknown template directive "${word}"`);
    }
  }

  private ws(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (c === ' ' || c === '\n' || c === '\t' || c === '\r') this.pos++;
      else break;
    }
  }

  private expect(token: string): void {
    this.ws();
    if (!this.src.startsWith(token, this.pos)) this.fail(`Expected "${token}"`);
    this.pos += token.length;
  }

  private peek(token: string): boolean {
    this.ws();
    return this.src.startsWith(token, this.pos);
  }

  private identifier(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) this.fail('Expected an identifier');
    this.pos += m[0].length;
    return m[0];
  }

  expression(): Expr {
    const test = this.binary(0);
    this.ws();
    if (this.src[this.pos] === '?') {
      this.pos++;
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      return { kind: 'conditional', test, then, otherwise };
    }
    return test;
  }

  private binary(minPrecedence: number): Expr {
    let left = this.unary();
    for (;;) {
      this.ws();
      const op = this.binaryOperator();
      if (!op || BINARY_PRECEDENCE[op]! <= minPrecedence) return left;
      this.pos += op.length;
      const right = this.binary(BINARY_PRECEDENCE[op]!);
      left = { kind: 'binary', op, left, right };
    }
  }

  private binaryOperator(): string | undefined {
    const two = this.src.slice(this.pos, this.pos + 2);
    if (['||', '&&', '==', '!=', '<=', '>='].includes(two)) return two;
    const one = this.src[this.pos];
    // `=>` inside for-expressions and `=` in objects are not operators.
    if (one && '<>+-*/%'.includes(one) && two !== '=>') return one;
    return undefined;
  }

  private unary(): Expr {
    this.ws();
    const c = this.src[this.pos];
    if (c === '!' || c === '-') {
      this.pos++;
      return { kind: 'unary', op: c, operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let expr = base;
    for (;;) {
      // No whitespace skipping before `.`: `1 .x` is not valid HCL anyway.
      this.ws();
      const c = this.src[this.pos];
      // `...` expands arguments and groups for-expression results; it is not a traversal.
      if (c === '.' && this.src.startsWith('...', this.pos)) return expr;
      if (c === '.') {
        if (this.src[this.pos + 1] === '*') {
          this.pos += 2;
          return { kind: 'splat', target: expr, each: this.splatSteps() };
        }
        this.pos++;
        const m = /^[0-9]+/.exec(this.src.slice(this.pos, this.pos + 20));
        if (m) {
          // Legacy index syntax: `names.0`.
          this.pos += m[0].length;
          expr = { kind: 'index', target: expr, key: { kind: 'literal', value: Number(m[0]) } };
        } else {
          expr = { kind: 'getattr', target: expr, name: this.identifier() };
        }
      } else if (c === '[') {
        this.pos++;
        this.ws();
        if (this.src[this.pos] === '*') {
          this.pos++;
          this.expect(']');
          return { kind: 'splat', target: expr, each: this.splatSteps() };
        }
        const key = this.expression();
        this.expect(']');
        expr = { kind: 'index', target: expr, key };
      } else {
        return expr;
      }
    }
  }

  private splatSteps(): Step[] {
    const steps: Step[] = [];
    for (;;) {
      const c = this.src[this.pos];
      if (c === '.' && this.src[this.pos + 1] !== '*') {
        this.pos++;
        const m = /^[0-9]+/.exec(this.src.slice(this.pos, this.pos + 20));
        if (m) {
          this.pos += m[0].length;
          steps.push({ kind: 'index', key: { kind: 'literal', value: Number(m[0]) } });
        } else steps.push({ kind: 'attr', name: this.identifier() });
      } else if (c === '[') {
        this.pos++;
        const key = this.expression();
        this.expect(']');
        steps.push({ kind: 'index', key });
      } else return steps;
    }
  }

  private primary(): Expr {
    this.ws();
    const src = this.src;
    const c = src[this.pos];
    if (c === undefined) this.fail('Unexpected end of expression');
    if (c === '(') {
      this.pos++;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (c === '"') {
      this.pos++;
      const parts = this.templateUntil('"');
      this.pos++;
      if (parts.length === 0) return { kind: 'literal', value: '' };
      if (parts.length === 1 && parts[0]!.kind === 'text') {
        return { kind: 'literal', value: parts[0]!.text };
      }
      return { kind: 'template', parts };
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(this.pos, this.pos + 64))!;
      this.pos += m[0].length;
      return { kind: 'literal', value: Number(m[0]) };
    }
    if (c === '[') return this.tupleOrFor();
    if (c === '{') return this.objectOrFor();
    if (/[A-Za-z_]/.test(c)) {
      let name = this.identifier();
      // Provider-defined functions: provider::aws::arn_parse(...)
      while (src.startsWith('::', this.pos)) {
        this.pos += 2;
        name += `::${this.identifier()}`;
      }
      if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
      if (name === 'null') return { kind: 'literal', value: null };
      this.ws();
      if (src[this.pos] === '(') {
        this.pos++;
        const args: Expr[] = [];
        if (!this.peek(')')) {
          for (;;) {
            args.push(this.expression());
            this.ws();
            if (src.startsWith('...', this.pos)) this.pos += 3;
            if (this.peek(',')) {
              this.pos++;
              if (this.peek(')')) break;
              continue;
            }
            break;
          }
        }
        this.expect(')');
        return { kind: 'call', name, args };
      }
      if (name.includes('::')) this.fail(`Expected "(" after ${name}`);
      return { kind: 'variable', name };
    }
    return this.fail(`Unexpected "${c}"`);
  }

  private isForKeyword(): boolean {
    this.ws();
    return /^for\s/.test(this.src.slice(this.pos, this.pos + 4));
  }

  private forHeader(): { keyVar: string | undefined; valueVar: string; collection: Expr } {
    this.pos += 3;
    this.ws();
    let valueVar = this.identifier();
    let keyVar: string | undefined;
    if (this.peek(',')) {
      this.pos++;
      this.ws();
      keyVar = valueVar;
      valueVar = this.identifier();
    }
    this.ws();
    if (this.identifier() !== 'in') this.fail('Expected "in"');
    const collection = this.expression();
    this.expect(':');
    return { keyVar, valueVar, collection };
  }

  private forCondition(): Expr | undefined {
    this.ws();
    if (/^if\s/.test(this.src.slice(this.pos, this.pos + 3))) {
      this.pos += 2;
      return this.expression();
    }
    return undefined;
  }

  private tupleOrFor(): Expr {
    this.pos++;
    if (this.isForKeyword()) {
      const header = this.forHeader();
      const valueExpr = this.expression();
      const condition = this.forCondition();
      this.expect(']');
      return { kind: 'for', ...header, keyExpr: undefined, valueExpr, condition };
    }
    const items: Expr[] = [];
    while (!this.peek(']')) {
      items.push(this.expression());
      if (this.peek(',')) this.pos++;
      else break;
    }
    this.expect(']');
    return { kind: 'tuple', items };
  }

  private objectOrFor(): Expr {
    this.pos++;
    if (this.isForKeyword()) {
      const header = this.forHeader();
      const keyExpr = this.expression();
      this.expect('=>');
      const valueExpr = this.expression();
      this.ws();
      if (this.src.startsWith('...', this.pos)) this.pos += 3;
      const condition = this.forCondition();
      this.expect('}');
      return { kind: 'for', ...header, keyExpr, valueExpr, condition };
    }
    const items: Array<{ key: Expr; value: Expr }> = [];
    while (!this.peek('}')) {
      const key = this.expression();
      this.ws();
      const sep = this.src[this.pos];
      if (sep !== '=' && sep !== ':') this.fail('Expected "=" or ":" in object');
      this.pos++;
      const value = this.expression();
      items.push({ key, value });
      if (this.peek(',')) this.pos++;
    }
    this.expect('}');
    return { kind: 'object', items };
  }
}
