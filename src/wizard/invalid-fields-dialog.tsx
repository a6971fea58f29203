// Asked before a copy or download while fields hold text that is not valid yet: what the action would leave
// out, a way to each field, and the action anyway. Loaded the first time it is needed.
import { useEffect, useRef } from 'react'
import { msg } from '../i18n/message.ts'
import { Text, useT } from '../ui/i18n.tsx'
import { goToField } from './go-to-field.ts'
import { useGuardStore, useInvalidFields } from './invalid-fields.ts'
import './invalid-fields-dialog.css'

const close = () => useGuardStore.setState({ request: undefined })

export default function InvalidFieldsDialog() {
  const request = useGuardStore((s) => s.request)
  const invalid = useInvalidFields()
  const t = useT()
  const dialog = useRef<HTMLDialogElement>(null)
  const open = request !== undefined && invalid.length > 0

  useEffect(() => {
    const element = dialog.current
    if (open && element && !element.open) element.showModal()
    if (!open && element?.open) element.close()
  }, [open])

  if (!request) return null
  const action = msg(request.action)
  return (
    <dialog ref={dialog} className="invalid-dialog" aria-labelledby="invalid-dialog-title" onClose={close}>
      <h2 id="invalid-dialog-title">{t('wizard.invalid.title', { count: invalid.length })}</h2>
      <p>{t('wizard.invalid.dialogIntro', { action, count: invalid.length })}</p>
      <ul>
        {invalid.map((f) => (
          <li key={f.field}>
            <Text
              message={msg('wizard.invalid.dialogItem', {
                label: f.label,
                text: f.text,
                problem: f.message ?? '',
                kept: f.used ? 'value' : 'none',
                used: f.used,
              })}
              components={{ 0: <strong />, 1: <q />, 2: <code /> }}
            />{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                close()
                goToField(f.field)
              }}
            >
              {t('wizard.goTo', { field: f.label })}
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            close()
            request.run()
          }}
        >
          {t('wizard.invalid.anyway', { action })}
        </button>
        <button type="button" onClick={close} autoFocus>
          {t('wizard.invalid.cancel')}
        </button>
      </div>
    </dialog>
  )
}
