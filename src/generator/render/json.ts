// JSON rendering: JSON.stringify does all escaping; two-space indent, a final newline.
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
