/**
 * JSON as the configuration reads it: `JSON.parse` keeps the last of two equal keys, so
 * `{"profile": "prod", ..., "profile": "dev"}` would silently be dev. This scan of the text
 * (already valid JSON) refuses a key given twice in one object and nesting deeper than
 * `MAX_JSON_DEPTH`, naming the key's path.
 */

/** Deeper than any configuration key (the deepest is 3 levels). */
export const MAX_JSON_DEPTH = 32;

export interface JsonShapeProblem {
  /** Dotted path of the object or key (`database.adminUsers.0`), `` for the top. */
  readonly path: string;
  readonly rule: string;
}

interface Frame {
  readonly object: boolean;
  readonly path: string;
  readonly keys: Set<string>;
  expectKey: boolean;
  index: number;
  key: string | undefined;
}

/** Problems of a valid JSON text's shape: duplicate keys and excessive depth. */
export function jsonShapeProblems(text: string, maxDepth = MAX_JSON_DEPTH): JsonShapeProblem[] {
  const problems: JsonShapeProblem[] = [];
  const stack: Frame[] = [];
  const childPath = (): string => {
    const top = stack.at(-1);
    if (!top) return '';
    const part = top.object ? (top.key ?? '') : String(top.index);
    return top.path ? `${top.path}.${part}` : part;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{' || c === '[') {
      const path = childPath();
      if (stack.length + 1 > maxDepth) {
        problems.push({ path, rule: `nests deeper than ${maxDepth} levels` });
        return problems;
      }
      stack.push({
        object: c === '{',
        path,
        keys: new Set(),
        expectKey: c === '{',
        index: 0,
        key: undefined,
      });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) {
          const path = top.path ? `${top.path}.${key}` : key;
          problems.push({
            path,
            rule: 'is given twice in one object; JSON would keep only the last',
          });
        }
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    }
  }
  return problems;
}
