// Form fields bound to a config path. Each has a visible label that is its accessible name, a marker when
// it differs from the default, and its messages (schema errors, findings) tied to it by aria-describedby.
// Text that is not valid yet stays a draft next to the field and never reaches the URL.
import { createContext, useContext, useEffect, useId, useState, type ReactNode } from 'react'
import { defaultsFor, type WizardConfig } from '../config/schema.ts'
import type { Finding, Severity } from '../generator/types.ts'
import { msg, type Message, type MessageKey } from '../i18n/message.ts'
import { Text, useT } from '../ui/i18n.tsx'
import { fieldId, getPath, schemaLabel, setPath, textOfValue } from './config-paths.ts'
import { problemAt } from './draft-problem.ts'
import { noteKeystroke } from './perf.ts'
import { useDraftStore, type DraftValue } from './ui-store.ts'

export interface WizardContextValue {
  config: WizardConfig
  update: (change: (config: WizardConfig) => WizardConfig) => void
  findings: Finding[]
}

export const WizardContext = createContext<WizardContextValue | null>(null)

export function useWizard(): WizardContextValue {
  const value = useContext(WizardContext)
  if (!value) throw new Error('useWizard outside WizardContext')
  return value
}

/** The severity's word, as the badges and the screen-reader prefix of a field's messages say it. */
export const SEVERITY_NAMES: Record<Severity, MessageKey> = {
  error: 'wizard.severity.error',
  warning: 'wizard.severity.warning',
  info: 'wizard.severity.info',
}

interface FieldShellProps {
  path: string
  /** The visible label; the schema's label of `path` when not given. */
  label?: MessageKey
  hint?: ReactNode
  problem?: Message
  children: (props: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
  inline?: boolean
}

/** Label, control, hint and messages for one field. */
function FieldShell({ path, label, hint, problem, children, inline }: FieldShellProps) {
  const { config, findings } = useWizard()
  const t = useT()
  const hintId = useId()
  const messageId = useId()
  const changedId = useId()
  const id = fieldId(path)
  const messages = findings.filter((f) => f.field === path && f.severity !== 'info')
  // Changed relative to the chosen OS's defaults, as the link is written (defaultsFor).
  const defaultValue = getPath(defaultsFor(config), path)
  const changed =
    defaultValue !== undefined && JSON.stringify(getPath(config, path)) !== JSON.stringify(defaultValue)
  const hasMessages = problem !== undefined || messages.length > 0
  // The label stays exactly the field's name; "changed" is part of the description instead.
  const describedBy =
    [hint ? hintId : undefined, hasMessages ? messageId : undefined, changed ? changedId : undefined]
      .filter(Boolean)
      .join(' ') || undefined
  const control = children({
    id,
    describedBy,
    invalid: problem !== undefined || messages.some((m) => m.severity === 'error'),
  })
  return (
    <div className={`field${inline ? ' field-inline' : ''}`}>
      {inline && control}
      <div className="field-label">
        <label htmlFor={id}>{t(label === undefined ? schemaLabel(path) : msg(label))}</label>
        {changed && (
          <span className="changed" id={changedId} title={t('wizard.field.changed')}>
            <span aria-hidden="true">●</span>
            <span className="visually-hidden">{t('wizard.field.changedSentence')}</span>
          </span>
        )}
      </div>
      {!inline && control}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {hasMessages && (
        <div id={messageId} className="field-messages">
          {problem && <p className="message message-error">{t(problem)}</p>}
          {messages.map((m, i) => (
            <p key={i} className={`message message-${m.severity}`}>
              <Text
                message={msg('wizard.field.finding', {
                  severity: msg(SEVERITY_NAMES[m.severity]),
                  message: m.message,
                })}
                components={{ 0: <span className="visually-hidden" /> }}
              />
            </p>
          ))}
        </div>
      )}
    </div>
  )
}

export function SelectField<V extends string>(props: {
  path: string
  label?: MessageKey
  /** Each value with its text, already in the reader's language. */
  options: readonly (readonly [V, string])[]
  hint?: ReactNode
  onSelect?: (value: V) => void
}) {
  const { config, update } = useWizard()
  // An optional choice that is not set shows its first option, which is also its default.
  const value = (getPath(config, props.path) ?? props.options[0]?.[0]) as V
  return (
    <FieldShell path={props.path} label={props.label} hint={props.hint}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => {
            const next = e.target.value as V
            if (props.onSelect) props.onSelect(next)
            else update((c) => setPath(c, props.path, next))
          }}
        >
          {props.options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

export function CheckboxField(props: {
  path: string
  label?: MessageKey
  hint?: ReactNode
  /** What ticking does, when it is more than setting the value (the value is then set by the caller). */
  onToggle?: (checked: boolean) => void
}) {
  const { config, update } = useWizard()
  const checked = getPath(config, props.path) === true
  return (
    <FieldShell path={props.path} label={props.label} hint={props.hint} inline>
      {({ id, describedBy }) => (
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={describedBy}
          onChange={(e) => {
            if (props.onToggle) props.onToggle(e.target.checked)
            else update((c) => setPath(c, props.path, e.target.checked))
          }}
        />
      )}
    </FieldShell>
  )
}

/** `list`: several words in one field (spaces or commas between them), stored as a list of text. */
type TextKind = 'text' | 'integer' | 'list'

/**
 * A text or number field. Valid input goes to the URL at once; invalid input stays a draft (kept for
 * this tab's session) with its message, so nothing typed is lost and the output keeps the last valid value.
 */
export function TextField(props: {
  path: string
  label?: MessageKey
  hint?: ReactNode
  optional?: boolean
  kind?: TextKind
  placeholder?: string
  list?: string
  autoComplete?: string
  /** Rows of a multi-line field (a textarea), for text such as JSON. */
  rows?: number
}) {
  const { config, update } = useWizard()
  const { path, optional, kind = 'text' } = props
  const stored = getPath(config, path)
  const storedText = textOfValue(stored)
  const draft = useDraftStore((s) => s.drafts[path])
  const setDraft = useDraftStore((s) => s.setDraft)
  const [text, setText] = useState(draft?.text ?? storedText)
  // Follow the URL (presets, back/forward, links) unless the user holds an invalid draft here; a draft can
  // also arrive from elsewhere (an entry of a list moved up, an undo).
  const draftText = draft?.text
  useEffect(() => {
    setText(draftText ?? storedText)
  }, [storedText, draftText])

  const parse = (t: string): DraftValue | undefined => {
    if (optional && t === '') return undefined
    if (kind === 'integer') return /^\d{1,9}$/.test(t) ? Number(t) : t
    if (kind === 'list') return t.split(/[\s,]+/).filter(Boolean)
    return t
  }
  const problem = draft === undefined ? undefined : problemAt(config, path, draft.value)

  return (
    <FieldShell path={path} label={props.label} hint={props.hint} problem={problem}>
      {({ id, describedBy, invalid }) => {
        const common = {
          id,
          value: text,
          placeholder: props.placeholder,
          spellCheck: false,
          autoComplete: props.autoComplete ?? 'off',
          autoCapitalize: 'off',
          'aria-describedby': describedBy,
          'aria-invalid': invalid || undefined,
          onChange: (e: { timeStamp: number; target: { value: string } }) => {
            noteKeystroke(e.timeStamp)
            const t = e.target.value
            setText(t)
            const value = parse(t)
            if (problemAt(config, path, value) !== undefined)
              setDraft(path, value === undefined ? { text: t } : { text: t, value })
            else {
              setDraft(path, undefined)
              update((c) => setPath(c, path, value))
            }
          },
        }
        return props.rows ? (
          <textarea {...common} rows={props.rows} />
        ) : (
          <input
            {...common}
            type="text"
            inputMode={kind === 'integer' ? 'numeric' : undefined}
            list={props.list}
          />
        )
      }}
    </FieldShell>
  )
}
