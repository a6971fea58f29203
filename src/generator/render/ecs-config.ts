// ecs.config rendering. ecs-init splits lines on "\n", trims them, splits at the first "=" and takes the
// value literally: quotes would become part of the value. So no quoting exists
// here, and anything that cannot be written literally is refused.
export type EcsConfigEntry = readonly [key: string, value: string]

export function renderEcsConfig(entries: readonly EcsConfigEntry[]): string {
  return entries
    .map(([key, value]) => {
      if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new Error(`not an agent variable name: ${key}`)
      if (/[\r\n]/.test(value) || value.trim() !== value || value === '')
        throw new Error(`${key} has a value ecs.config cannot hold literally`)
      return `${key}=${value}\n`
    })
    .join('')
}
