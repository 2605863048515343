/**
 * JSON with object keys sorted at every depth, so the same entry always hashes the same.
 * Otherwise it follows JSON.stringify (toJSON, dropped undefined/function values), so what is hashed is
 * exactly what a jsonb column stores and gives back.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) ?? 'null';
}

function serialize(value: unknown): string | undefined {
  const v =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((item) => serialize(item) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const k of Object.keys(v).sort()) {
    const s = serialize((v as Record<string, unknown>)[k]);
    if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`);
  }
  return `{${parts.join(',')}}`;
}
