// A minimal JSON Schema (draft 2020-12) validator for the subset docs/schema/ uses: type, properties, required,
// items, enum, const, additionalProperties, pattern, minimum, and $ref to local $defs. Any other keyword throws,
// so a schema cannot silently rely on something unchecked. No ajv: new npm packages are not allowed here.

export type JsonSchema = { readonly [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs', '$comment']);
const KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'const',
  'additionalProperties',
  'pattern',
  'minimum',
  '$ref',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeOf(value) === 'object';
}

/** Deep equality of JSON values (for enum and const). */
function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every violation of `schema` by `value`, as `pointer: reason` lines; empty when valid.
 *
 * @example
 * validateJson({ type: 'object', required: ['a'] }, {}) // ['/: missing required property "a"']
 */
export function validateJson(schema: JsonSchema, value: unknown, root: JsonSchema = schema): string[] {
  const errors: string[] = [];
  const visit = (s: JsonSchema, v: unknown, pointer: string): void => {
    for (const keyword of Object.keys(s)) {
      if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) {
        throw new Error(`unsupported JSON Schema keyword "${keyword}" at ${pointer || '/'}`);
      }
    }
    const at = pointer || '/';
    if (typeof s.$ref === 'string') {
      const match = /^#\/\$defs\/([^/]+)$/.exec(s.$ref);
      const defs = root.$defs as Record<string, JsonSchema> | undefined;
      const target = match ? defs?.[match[1] as string] : undefined;
      if (!target) throw new Error(`unresolvable $ref ${s.$ref}`);
      visit(target, v, pointer);
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => matchesType(v, t))) {
        errors.push(`${at}: expected ${types.join(' or ')}, got ${typeOf(v)}`);
        return;
      }
    }
    if ('const' in s && !jsonEqual(s.const, v)) {
      errors.push(`${at}: expected ${JSON.stringify(s.const)}, got ${JSON.stringify(v)}`);
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => jsonEqual(e, v))) {
      errors.push(`${at}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`);
    }
    if (typeof s.pattern === 'string' && typeof v === 'string' && !new RegExp(s.pattern, 'u').test(v)) {
      errors.push(`${at}: "${v}" does not match ${s.pattern}`);
    }
    if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) {
      errors.push(`${at}: ${v} is less than ${s.minimum}`);
    }
    if (isObject(v)) {
      for (const name of (s.required as string[] | undefined) ?? []) {
        if (!Object.hasOwn(v, name)) errors.push(`${at}: missing required property "${name}"`);
      }
      const properties = (s.properties as Record<string, JsonSchema> | undefined) ?? {};
      for (const [name, child] of Object.entries(v)) {
        const childPointer = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (Object.hasOwn(properties, name)) visit(properties[name] as JsonSchema, child, childPointer);
        else if (s.additionalProperties === false) errors.push(`${at}: unexpected property "${name}"`);
        else if (isObject(s.additionalProperties)) visit(s.additionalProperties, child, childPointer);
      }
    }
    if (Array.isArray(v) && isObject(s.items)) {
      v.forEach((item, i) => {
        visit(s.items as JsonSchema, item, `${pointer}/${i}`);
      });
    }
  };
  visit(schema, value, '');
  return errors;
}
