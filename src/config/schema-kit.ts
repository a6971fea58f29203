// A small schema toolkit: one declaration per field gives its type, its default, its label, its rule, how
// to read it from untrusted JSON or URL text, and how to write it back as only-non-default text.
// Untrusted input is repaired before anything else sees it: a bad value becomes the default and yields an
// issue that names the field (architecture.md: "restore that repairs untrusted input").
import type { NameRule } from '../knowledge/names.ts'
import { isMessage, msg, type Message, type MessageKey } from '../i18n/message.ts'
import type { Citation } from '../knowledge/citation.ts'

export interface FieldIssue {
  /** Dotted path of the field, e.g. `buckets.1.name`; the same path the permalink uses as its key. */
  field: string
  message: Message
  /** Where the rule comes from, when a naming rule was broken (formatted where it is shown). */
  citation?: Citation
}

/** Where a raw value comes from: JSON keeps its types; URL text is all strings and is parsed per field. */
export type InputMode = 'json' | 'text'

interface Context {
  mode: InputMode
  issues: FieldIssue[]
}

abstract class SchemaNode<T> {
  constructor(
    /** The field's name for people: a message key (`field.<field>.label`), translated where it is shown. */
    readonly label: MessageKey,
    readonly defaultValue: T,
  ) {}
  /** Reads `raw` (already known to be present), or reports an issue and returns the default. */
  abstract read(raw: unknown, path: string, ctx: Context): T
  /** Adds `[path, text]` pairs for the parts of `value` that differ from `base` (all parts if `base` is undefined). */
  abstract write(value: T, base: T | undefined, path: string, out: [string, string][]): void
  readonly optional: boolean = false
}

export type Infer<N> = N extends SchemaNode<infer T> ? T : never

/** The field's name as a parameter: a nested message, so it is translated with the sentence around it. */
const labelOf = (node: { label: MessageKey }): Message => msg(node.label)

function fail<T>(ctx: Context, path: string, message: Message, fallback: T): T {
  ctx.issues.push({ field: path, message })
  return fallback
}

/** What a wrong value is, as a nested message ("a list", "an object", …). */
function describeType(raw: unknown): Message {
  if (raw === null) return msg('field.valueType.null')
  if (Array.isArray(raw)) return msg('field.valueType.list')
  switch (typeof raw) {
    case 'object':
      return msg('field.valueType.object')
    case 'string':
      return msg('field.valueType.string')
    case 'number':
      return msg('field.valueType.number')
    case 'boolean':
      return msg('field.valueType.boolean')
    default:
      return msg('field.valueType.other')
  }
}

/** "Label: problem", for a problem that does not name its field (a naming rule's sentence). */
export const labelled = (label: MessageKey, problem: Message): Message =>
  msg('field.issue.labelled', { label: msg(label), problem })

/**
 * The problem alone, without the "Label: " that a naming rule's issue starts with: for lists that show the
 * field's name already. Other messages come back as they are.
 */
export function withoutLabel(message: Message): Message {
  const problem = message.params?.problem
  return message.key === 'field.issue.labelled' && isMessage(problem) ? problem : message
}

class TextNode extends SchemaNode<string> {
  constructor(
    label: MessageKey,
    defaultValue: string,
    readonly rule?: NameRule,
  ) {
    super(label, defaultValue)
  }
  read(raw: unknown, path: string, ctx: Context): string {
    if (typeof raw !== 'string')
      return fail(
        ctx,
        path,
        msg('field.issue.notText', { label: labelOf(this), type: describeType(raw) }),
        this.defaultValue,
      )
    const problem = this.rule?.check(raw)
    if (!problem || !this.rule) return raw
    ctx.issues.push({
      field: path,
      message: labelled(this.label, problem),
      citation: this.rule.citation,
    })
    return this.defaultValue
  }
  write(value: string, base: string | undefined, path: string, out: [string, string][]): void {
    if (value !== base) out.push([path, value])
  }
}

class IntegerNode extends SchemaNode<number> {
  constructor(
    label: MessageKey,
    defaultValue: number,
    readonly min: number,
    readonly max: number,
  ) {
    super(label, defaultValue)
  }
  read(raw: unknown, path: string, ctx: Context): number {
    let n: number | undefined
    // Text comes from the URL: only plain decimal digits, so "1e3" or " 80" are not silently reinterpreted.
    if (ctx.mode === 'text' && typeof raw === 'string' && /^\d{1,9}$/.test(raw)) n = Number(raw)
    if (ctx.mode === 'json' && typeof raw === 'number' && Number.isInteger(raw)) n = raw
    if (n === undefined)
      return fail(ctx, path, msg('field.issue.notWholeNumber', { label: labelOf(this) }), this.defaultValue)
    if (n < this.min || n > this.max)
      return fail(
        ctx,
        path,
        msg('field.issue.outOfRange', { label: labelOf(this), min: this.min, max: this.max }),
        this.defaultValue,
      )
    return n
  }
  write(value: number, base: number | undefined, path: string, out: [string, string][]): void {
    if (value !== base) out.push([path, String(value)])
  }
}

class BooleanNode extends SchemaNode<boolean> {
  read(raw: unknown, path: string, ctx: Context): boolean {
    if (ctx.mode === 'json' && typeof raw === 'boolean') return raw
    if (ctx.mode === 'text' && (raw === 'true' || raw === 'false')) return raw === 'true'
    return fail(ctx, path, msg('field.issue.notBoolean', { label: labelOf(this) }), this.defaultValue)
  }
  write(value: boolean, base: boolean | undefined, path: string, out: [string, string][]): void {
    if (value !== base) out.push([path, String(value)])
  }
}

class ChoiceNode<V extends string> extends SchemaNode<V> {
  constructor(
    label: MessageKey,
    readonly values: readonly V[],
    defaultValue: V,
  ) {
    super(label, defaultValue)
  }
  read(raw: unknown, path: string, ctx: Context): V {
    if (typeof raw === 'string' && (this.values as readonly string[]).includes(raw)) return raw as V
    // The values are config values, the same in every language: listed as they are written.
    return fail(
      ctx,
      path,
      msg('field.issue.notChoice', { label: labelOf(this), values: this.values.join(', ') }),
      this.defaultValue,
    )
  }
  write(value: V, base: V | undefined, path: string, out: [string, string][]): void {
    if (value !== base) out.push([path, value])
  }
}

class OptionalNode<T> extends SchemaNode<T | undefined> {
  override readonly optional = true
  constructor(readonly inner: SchemaNode<T>) {
    super(inner.label, undefined)
  }
  read(raw: unknown, path: string, ctx: Context): T | undefined {
    if (raw === undefined || (ctx.mode === 'json' && raw === null)) return undefined
    const before = ctx.issues.length
    const value = this.inner.read(raw, path, ctx)
    // A present-but-broken optional value is dropped rather than half-filled with defaults.
    return ctx.issues.length > before ? undefined : value
  }
  write(value: T | undefined, _base: T | undefined, path: string, out: [string, string][]): void {
    // Present optional values are written whole, so that presence itself survives the round trip.
    if (value !== undefined) this.inner.write(value, undefined, path, out)
  }
}

type Fields = Record<string, SchemaNode<unknown>>
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K]['optional'] extends true ? K : never }[keyof F]
type RequiredKeys<F extends Fields> = Exclude<keyof F, OptionalKeys<F>>
type Simplify<T> = { [K in keyof T]: T[K] } & {}
export type ObjectValue<F extends Fields> = Simplify<
  { [K in RequiredKeys<F>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Exclude<Infer<F[K]>, undefined> }
>

export const isPlainObject = (raw: unknown): raw is Record<string, unknown> =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw)

const own = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key)

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key))

/** Keys are shown to people; untrusted ones are cut short and stripped of control characters. */
/** Text that cannot move a terminal's cursor or reorder what is shown: control and format characters become "?". */
export const withoutControlCharacters = (text: string) => text.replace(/[\p{Cc}\p{Cf}]/gu, '?')

export function displayKey(key: string): string {
  const clean = withoutControlCharacters(key)
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean
}

class ObjectNode<F extends Fields> extends SchemaNode<ObjectValue<F>> {
  constructor(
    label: MessageKey,
    readonly fields: F,
  ) {
    const defaults: Record<string, unknown> = {}
    for (const [key, node] of Object.entries(fields))
      if (node.defaultValue !== undefined) defaults[key] = node.defaultValue
    super(label, defaults as ObjectValue<F>)
  }
  read(raw: unknown, path: string, ctx: Context): ObjectValue<F> {
    if (!isPlainObject(raw))
      return fail(
        ctx,
        path,
        msg('field.issue.notObject', { label: labelOf(this), type: describeType(raw) }),
        this.defaultValue,
      )
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(raw))
      if (!own(this.fields, key))
        ctx.issues.push({
          field: join(path, displayKey(key)),
          message: msg('field.issue.unknownSetting', { key: displayKey(key) }),
        })
    for (const [key, node] of Object.entries(this.fields)) {
      const present = own(raw, key) && raw[key] !== undefined
      const value = present ? node.read(raw[key], join(path, key), ctx) : node.defaultValue
      if (value !== undefined) out[key] = value
    }
    return out as ObjectValue<F>
  }
  write(
    value: ObjectValue<F>,
    base: ObjectValue<F> | undefined,
    path: string,
    out: [string, string][],
  ): void {
    const v = value as Record<string, unknown>
    const b = base as Record<string, unknown> | undefined
    for (const [key, node] of Object.entries(this.fields)) {
      // Inside lists and optionals (base undefined) every present field is written, defaults included.
      if (v[key] === undefined && node.optional) continue
      node.write(v[key], b ? b[key] : undefined, join(path, key), out)
    }
  }
}

class ListNode<T> extends SchemaNode<T[]> {
  constructor(
    label: MessageKey,
    readonly item: SchemaNode<T>,
    defaultValue: T[],
    readonly max: number,
  ) {
    super(label, defaultValue)
  }
  read(raw: unknown, path: string, ctx: Context): T[] {
    let items: [number, unknown][]
    if (Array.isArray(raw)) items = raw.map((item, index) => [index, item])
    else if (ctx.mode === 'text' && raw === '')
      items = [] // `buckets=` in a URL: an empty list
    else if (ctx.mode === 'text' && isPlainObject(raw)) {
      // URL text arrives as `buckets.0.name=…`: indices are decimal, bounded, then compacted in order.
      items = []
      for (const key of Object.keys(raw)) {
        if (!/^\d{1,3}$/.test(key) || Number(key) >= this.max)
          ctx.issues.push({
            field: join(path, displayKey(key)),
            message: msg('field.issue.notPosition', {
              key: displayKey(key),
              label: labelOf(this),
              last: this.max - 1,
            }),
          })
        else items.push([Number(key), raw[key]])
      }
      items.sort((a, b) => a[0] - b[0])
    } else
      return fail(
        ctx,
        path,
        msg('field.issue.notList', { label: labelOf(this), type: describeType(raw) }),
        this.defaultValue,
      )
    if (items.length > this.max)
      return fail(
        ctx,
        path,
        msg('field.issue.tooManyEntries', { label: labelOf(this), max: this.max }),
        this.defaultValue,
      )
    // A broken entry is dropped whole: half of a bucket is worse than none.
    const result: T[] = []
    for (const [key, rawItem] of items) {
      const before = ctx.issues.length
      const value = this.item.read(rawItem, join(path, key), ctx)
      if (ctx.issues.length === before) result.push(value)
    }
    return result
  }
  write(value: T[], base: T[] | undefined, path: string, out: [string, string][]): void {
    if (base !== undefined && JSON.stringify(value) === JSON.stringify(base)) return
    if (value.length === 0) out.push([path, ''])
    value.forEach((item, index) => this.item.write(item, undefined, join(path, index), out))
  }
}

export const s = {
  text: (label: MessageKey, defaultValue: string, rule?: NameRule) => new TextNode(label, defaultValue, rule),
  integer: (label: MessageKey, defaultValue: number, min: number, max: number) =>
    new IntegerNode(label, defaultValue, min, max),
  boolean: (label: MessageKey, defaultValue: boolean) => new BooleanNode(label, defaultValue),
  choice: <V extends string>(label: MessageKey, values: readonly V[], defaultValue: V) =>
    new ChoiceNode(label, values, defaultValue),
  object: <F extends Fields>(label: MessageKey, fields: F) => new ObjectNode(label, fields),
  list: <T>(label: MessageKey, item: SchemaNode<T>, defaultValue: T[], max: number) =>
    new ListNode(label, item, defaultValue, max),
  optional: <T>(inner: SchemaNode<T>) => new OptionalNode(inner),
}

export type { SchemaNode, ObjectNode }

/** Reads untrusted input against a schema: always returns a complete value, plus what was wrong. */
export function readWithSchema<T>(
  node: SchemaNode<T>,
  raw: unknown,
  mode: InputMode,
): { value: T; issues: FieldIssue[] } {
  const ctx: Context = { mode, issues: [] }
  const value = node.read(raw, '', ctx)
  return { value, issues: ctx.issues }
}

/** The `[path, text]` pairs of `value` that differ from the schema's defaults, in schema order. */
export function nonDefaultEntries<T>(node: SchemaNode<T>, value: T): [string, string][] {
  const out: [string, string][] = []
  node.write(value, node.defaultValue, '', out)
  return out
}

/** The label key of the field at a dotted path (`field.bucket.name.label`), for messages and the UI. */
export function labelAt(node: SchemaNode<unknown>, path: string): MessageKey | undefined {
  let current: SchemaNode<unknown> | undefined = node
  for (const part of path.split('.')) {
    if (current instanceof OptionalNode) current = current.inner as SchemaNode<unknown>
    if (current instanceof ObjectNode) current = (current.fields as Fields)[part]
    else if (current instanceof ListNode && /^\d+$/.test(part)) current = current.item as SchemaNode<unknown>
    else return undefined
  }
  if (current instanceof OptionalNode) current = current.inner as SchemaNode<unknown>
  return current?.label
}
