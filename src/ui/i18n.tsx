// The page's language: from the reader's choice (remembered) or the browser's preferred languages, shown
// in the document's `lang`. English is in the first load; another language's catalogs load when chosen,
// and the output's catalogs with the generator (docs/decisions/011-i18n-lingui.md).
import { cloneElement, type ReactElement, type ReactNode } from 'react'
import { create } from 'zustand'
import enFields from '../i18n/catalogs/en/fields.json' with { type: 'json' }
import enWizard from '../i18n/catalogs/en/wizard.json' with { type: 'json' }
import { CATALOG_LOADERS, type CatalogPart } from '../i18n/catalogs.ts'
import { msg, type Message, type MessageKey, type MessageParams } from '../i18n/message.ts'
import { createPageTranslator, isLocale, LOCALES, type Locale, type Translator } from '../i18n/translator.ts'

const STORAGE_KEY = 'ecs-task-role-wizard.language'

const translators: Partial<Record<Locale, Translator>> = {
  en: createPageTranslator('en', enFields, enWizard),
}
const loaded: Record<Locale, Set<CatalogPart>> = { en: new Set(['start']), es: new Set() }
const wanted = new Set<CatalogPart>(['start'])

interface LocaleState {
  translator: Translator
  /** Bumped when a catalog part arrives, so what rendered without it renders again. */
  revision: number
}

export const useLocaleStore = create<LocaleState>(() => ({ translator: translators.en!, revision: 0 }))

const readStored = (): string | null => {
  try {
    return window.localStorage.getItem(STORAGE_KEY)
  } catch {
    return null // storage blocked: the browser's languages decide
  }
}

/** The reader's choice if any, else the first of the browser's languages we have, else English. */
export function preferredLocale(
  stored: string | null = readStored(),
  languages: readonly string[] = navigator.languages,
): Locale {
  if (isLocale(stored)) return stored
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0]
    if (isLocale(base)) return base
  }
  return 'en'
}

/** Loads the wanted parts the language lacks; says whether it added any. */
async function prepare(locale: Locale): Promise<boolean> {
  const translator = (translators[locale] ??= createPageTranslator(locale))
  const missing = [...wanted].filter((part) => !loaded[locale].has(part))
  const catalogs = await Promise.all(missing.map((part) => CATALOG_LOADERS[locale][part]()))
  catalogs.forEach((messages, i) => {
    if (loaded[locale].has(missing[i]!)) return // another call loaded it meanwhile
    translator.add(messages)
    loaded[locale].add(missing[i]!)
  })
  return missing.length > 0
}

/** The language last asked for: the one shown once its catalogs are in. */
let latest: Locale = 'en'

async function activate(locale: Locale): Promise<void> {
  latest = locale
  const added = await prepare(locale)
  if (latest !== locale) return // a later choice won while this one loaded
  document.documentElement.lang = locale
  const translator = translators[locale]!
  // Re-render what is translated only when something changed: a language, or words that arrived.
  if (added || useLocaleStore.getState().translator !== translator)
    useLocaleStore.setState((s) => ({ translator, revision: s.revision + 1 }))
}

/** Before the first render: the page then opens in the reader's language, without an English flash. */
export const startLocale = (): Promise<void> => activate(preferredLocale())

/** The language switch: remembered for the next visit. */
export async function chooseLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Not remembered, but still applied.
  }
  await activate(locale)
}

/**
 * A part of the catalogs, in the language being shown or being loaded (and in any language chosen later).
 * It never switches back: a choice made while it loads stays the choice.
 */
export async function requireCatalogPart(part: CatalogPart): Promise<void> {
  wanted.add(part)
  await activate(latest)
}

export const AVAILABLE_LOCALES = LOCALES

export function useLocale(): Locale {
  return useLocaleStore((s) => s.translator.locale)
}

/** Translate: `t(message)` or `t(key, params)`. Re-renders when the language changes. */
export function useT(): (message: Message | MessageKey, params?: MessageParams) => string {
  const translator = useLocaleStore((s) => s.translator)
  useLocaleStore((s) => s.revision)
  return (message, params) => translator.t(typeof message === 'string' ? msg(message, params) : message)
}

// Markup in messages: numbered tags, `<0>…</0>` or `<0/>`, as Lingui's <Trans> writes them. Its React
// binding is not used: it reads tags in the parameters too (text a user typed, such as `a<1>b</1>`, would
// become markup) and costs 1 KiB of the first load. Here parameters that could look like tags go into the
// sentence as private-use placeholders and come back as plain text after the tags are resolved.
const TAG = /<(\d+)>([\s\S]*?)<\/\1>|<(\d+)\/>/
const PLACEHOLDER = /\uE000(\d+)\uE001/g

function withTags(
  text: string,
  components: Record<string, ReactElement>,
  plain: (text: string) => string,
  key: string,
): ReactNode[] {
  const out: ReactNode[] = []
  let rest = text
  for (let i = 0, m = TAG.exec(rest); m; i++, m = TAG.exec(rest)) {
    if (m.index > 0) out.push(plain(rest.slice(0, m.index)))
    const element = components[m[1] ?? m[3]!]
    const children = m[2] === undefined ? [] : withTags(m[2], components, plain, `${key}.${i}`)
    // A tag the caller did not give is dropped, its text kept (catalogs.test.ts checks tags match English).
    out.push(element ? cloneElement(element, { key: `${key}.${i}` }, ...children) : children)
    rest = rest.slice(m.index + m[0].length)
  }
  if (rest) out.push(plain(rest))
  return out
}

/** A message with its numbered tags made the given elements (what <Text> renders). */
export function withMarkup(
  translator: Translator,
  message: Message,
  components: Record<string, ReactElement> = {},
): ReactNode[] {
  const values = translator.values(message)
  const hidden: string[] = []
  for (const [name, value] of Object.entries(values))
    if (typeof value === 'string' && /[<>\uE000\uE001]/.test(value)) {
      values[name] = `\uE000${hidden.length}\uE001`
      hidden.push(value)
    }
  const plain = (text: string) => text.replace(PLACEHOLDER, (_, i: string) => hidden[Number(i)] ?? '')
  return withTags(translator.format(message.key, values), components, plain, 't')
}

/**
 * A message with markup: the catalog text numbers its tags (`Grants objects <0>{arn}</0>`) and the
 * caller says what each is (`components={{ 0: <code /> }}`), so translators move markup, never write it.
 */
export function Text({
  message,
  components,
}: {
  message: Message
  components?: Record<string, ReactElement>
}) {
  const translator = useLocaleStore((s) => s.translator)
  useLocaleStore((s) => s.revision)
  return <>{withMarkup(translator, message, components)}</>
}
