// The page in another language: messages formatted from the catalogs the page uses (so a spec names what
// a reader sees in Spanish without copying sentences), and a check that no English is left on screen.
import type { Page } from '@playwright/test'
import enFieldProblems from '../src/i18n/catalogs/en/field-problems.json' with { type: 'json' }
import enFields from '../src/i18n/catalogs/en/fields.json' with { type: 'json' }
import enFiles from '../src/i18n/catalogs/en/files.json' with { type: 'json' }
import enFindings from '../src/i18n/catalogs/en/findings.json' with { type: 'json' }
import enRunbook from '../src/i18n/catalogs/en/runbook.json' with { type: 'json' }
import enViews from '../src/i18n/catalogs/en/views.json' with { type: 'json' }
import enWizard from '../src/i18n/catalogs/en/wizard.json' with { type: 'json' }
import esFieldProblems from '../src/i18n/catalogs/es/field-problems.json' with { type: 'json' }
import esFields from '../src/i18n/catalogs/es/fields.json' with { type: 'json' }
import esFiles from '../src/i18n/catalogs/es/files.json' with { type: 'json' }
import esFindings from '../src/i18n/catalogs/es/findings.json' with { type: 'json' }
import esRunbook from '../src/i18n/catalogs/es/runbook.json' with { type: 'json' }
import esViews from '../src/i18n/catalogs/es/views.json' with { type: 'json' }
import esWizard from '../src/i18n/catalogs/es/wizard.json' with { type: 'json' }
import type { MessageKey, MessageParams } from '../src/i18n/message.ts'
import { createTranslator } from '../src/i18n/translator.ts'

const EN = [enFields, enFieldProblems, enWizard, enViews, enFindings, enFiles, enRunbook]
const ES = [esFields, esFieldProblems, esWizard, esViews, esFindings, esFiles, esRunbook]
const spanish = createTranslator('es', ...ES)

/** A message as the Spanish page shows it. */
export const es = (key: MessageKey, params?: MessageParams): string =>
  spanish.t(params === undefined ? { key } : { key, params })

const words = (text: string) =>
  text
    .replace(/\{[^{}]*\}/g, ' ') // placeholders (nested ones leave words of their branches, which is fine)
    .replace(/<\/?\d+>/g, ' ')
    .toLowerCase()
    .match(/\p{L}{3,}/gu) ?? []

// Names that are the same in every language: products, services, OS names, tools, API words.
const PROPER_NAMES = new Set(
  `amazon aws ecs ec2 iam linux windows server debian ubuntu rhel rocky alma fedora powershell docker
  govcloud china bottlerocket iptables systemd firewalld selinux nat eni vpc arn json yaml cli api sdk
  imds imdsv2 http https url ssm hyper ecstools ecs-init nftables rc.local awsvpc bridge host none
  default`.split(/\s+/),
)

/**
 * Words that exist only in the English catalogs (not in the Spanish ones), plus common English words:
 * seeing one of them on the Spanish page means English was left there.
 */
function englishOnlyWords(): Set<string> {
  const spanishWords = new Set(ES.flatMap((c) => Object.values(c).flatMap(words)))
  const english = new Set(EN.flatMap((c) => Object.values(c).flatMap(words)))
  for (const w of 'the and with for from this that your you are not when each all which what file files step steps next back edit edited copy download language start over preparing loading'.split(
    ' ',
  ))
    english.add(w)
  return new Set([...english].filter((w) => !spanishWords.has(w) && !PROPER_NAMES.has(w)))
}

const ENGLISH_ONLY = englishOnlyWords()

/**
 * Visible text, accessible names and placeholders on the page that contain English words, outside code,
 * file names, the editor and text marked as English (the cited AWS page titles, lang="en").
 */
export async function englishLeftOnPage(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const SKIP =
      'code, pre, kbd, samp, script, style, .monaco-editor, :not(html)[lang|="en"], [translate="no"]'
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest(SKIP)) continue
      if (!parent.checkVisibility({ visibilityProperty: true })) continue
      const text = node.textContent?.trim()
      if (text) out.push(text)
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (el.closest(SKIP)) continue
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(name)
        if (value) out.push(value)
      }
    }
    return out
  })
  const found: string[] = []
  for (const text of texts) {
    // A message key on screen is a message that was never translated.
    const key = /\b(?:wizard|field|finding|file|runbook)\.[A-Za-z]\w*\.[\w.]+/.exec(text)
    if (key) found.push(`message key ${key[0]} ← “${text.slice(0, 120)}”`)
    // Identifiers, file names, paths, ARNs, commands and values keep their letters: a chunk with any of
    // . / _ : = $ @ digits, or inner capitals (camelCase) is a name, not prose.
    const prose = text
      .split(/\s+/)
      .filter((chunk) => !/[./_:=$@\d\\]|\p{Ll}\p{Lu}|-\p{L}/u.test(chunk))
      .join(' ')
    const english = words(prose).filter((w) => ENGLISH_ONLY.has(w))
    if (english.length > 0) found.push(`${english.join(', ')} ← “${text.slice(0, 120)}”`)
  }
  return [...new Set(found)]
}
