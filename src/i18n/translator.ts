// Formats messages with Lingui (docs/decisions/011-i18n-lingui.md): ICU plurals and selects, catalogs
// compiled at build time (vite.config.ts), so the page ships Lingui's small runtime and no parser.
import { setupI18n, type I18n, type Messages } from '@lingui/core'
import { isMessage, type Message, type MessageKey, type MessageParam } from './message.ts'

export const LOCALES = ['en', 'es'] as const
export type Locale = (typeof LOCALES)[number]

/** The languages by their own names: the switch shows each in itself, as readers look for it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' }

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

export interface Translator {
  readonly locale: Locale
  /** Lingui's instance, for the React bindings. */
  readonly i18n: I18n
  /** The message in this language. */
  t(message: Message): string
  /** The parameters as Lingui takes them: nested messages translated, lists joined. */
  values(message: Message): Record<string, string | number>
  /** A key with parameters already made values (see `values`). */
  format(key: MessageKey, values: Record<string, string | number>): string
  add(messages: Messages): void
}

export function createTranslator(locale: Locale, ...catalogs: Messages[]): Translator {
  return translatorWith(locale, catalogs)
}

/**
 * The page's translator: a message whose catalog part has not arrived yet shows as nothing (and the page
 * renders again when it arrives) instead of its key.
 */
export const createPageTranslator = (locale: Locale, ...catalogs: Messages[]): Translator =>
  // A function: Lingui ignores a `missing` that is an empty string.
  translatorWith(locale, catalogs, () => '')

// Lingui decodes \uXXXX and \xXX escapes in the formatted text, parameters included, so a value typed as
// `a\u0041` would show as `aA`. A backslash in a value goes in as the escape of a backslash, which that
// single decoding turns back into the backslash the user typed.
const keepBackslashes = (values: Record<string, string | number>) => {
  const out: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(values))
    out[name] = typeof value === 'string' ? value.replaceAll('\\', '\\u005c') : value
  return out
}

function translatorWith(locale: Locale, catalogs: Messages[], missing?: () => string): Translator {
  const i18n = setupI18n({
    locale,
    messages: { [locale]: Object.assign({}, ...catalogs) as Messages },
    ...(missing === undefined ? {} : { missing }),
  })
  const list = new Intl.ListFormat(locale, { type: 'conjunction' })
  const param = (value: MessageParam): string | number => {
    if (typeof value === 'string' || typeof value === 'number') return value
    if (isMessage(value)) return t(value)
    return list.format(value.map((v) => (typeof v === 'string' ? v : t(v))))
  }
  const values = (message: Message) => {
    const out: Record<string, string | number> = {}
    for (const [name, value] of Object.entries(message.params ?? {})) out[name] = param(value)
    return out
  }
  const format = (key: MessageKey, formatted: Record<string, string | number>) =>
    i18n._(key, keepBackslashes(formatted))
  const t = (message: Message) => format(message.key, values(message))
  return { locale, i18n, t, values, format, add: (messages) => i18n.load(locale, messages) }
}
