import { BUCKET_ACCESS } from '../../config/schema.ts'
import { SelectField, TextField, useWizard } from '../fields.tsx'
import { useDraftStore } from '../ui-store.ts'

const ACCESS_TEXT = {
  read: 'read (get objects, list the prefix)',
  'read-write': 'read-write (get, put, list; no delete)',
  write: 'write (put objects only)',
} as const

/** Drafts are keyed by path; when entries move, the drafts of the list would point at the wrong entry. */
function useClearListDrafts(prefix: string) {
  const { drafts, setDraft } = useDraftStore()
  return () => {
    for (const key of Object.keys(drafts)) if (key.startsWith(prefix)) setDraft(key, undefined)
  }
}

export function AccessStep() {
  const { config, update } = useWizard()
  const clearBucketDrafts = useClearListDrafts('buckets.')
  return (
    <>
      <p className="step-intro">
        The S3 buckets the application in the task uses. The task role gets exactly this access, scoped to the
        key prefix when you give one.
      </p>
      {config.buckets.map((_, i) => (
        <fieldset key={i} className="list-entry">
          <legend>Bucket {i + 1}</legend>
          <TextField path={`buckets.${i}.name`} label="Bucket name" />
          <SelectField
            path={`buckets.${i}.access`}
            label="Access"
            options={BUCKET_ACCESS.map((a) => [a, ACCESS_TEXT[a]] as const)}
          />
          <TextField
            path={`buckets.${i}.prefix`}
            label="Key prefix"
            optional
            placeholder="e.g. uploads/ (empty: the whole bucket)"
          />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              clearBucketDrafts()
              update((c) => ({ ...c, buckets: c.buckets.filter((_, j) => j !== i) }))
            }}
          >
            Remove bucket {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        disabled={config.buckets.length >= 50}
        onClick={() =>
          update((c) => ({
            ...c,
            buckets: [...c.buckets, { name: `my-bucket-${c.buckets.length + 1}`, access: 'read' }],
          }))
        }
      >
        Add a bucket
      </button>

      <fieldset className="list-entry">
        <legend>Agent configuration from S3</legend>
        <div className="field field-inline">
          <input
            id="field-configObject"
            type="checkbox"
            checked={config.configObject !== undefined}
            // On Windows it can only be switched off (a link may have set it): the object is not used there.
            disabled={config.os === 'windows' && config.configObject === undefined}
            aria-describedby="configObject-hint"
            onChange={(e) =>
              update((c) => {
                if (!e.target.checked) {
                  const next = { ...c }
                  delete next.configObject
                  return next
                }
                return { ...c, configObject: { bucket: 'my-ecs-config-bucket', key: 'ecs.config' } }
              })
            }
          />
          <label htmlFor="field-configObject">Fetch ecs.config from a private S3 object at boot</label>
          <p className="hint" id="configObject-hint">
            {config.os === 'windows'
              ? 'Linux only: Windows instances take their agent settings from user data.'
              : 'For settings that should not sit in user data. The instance role may read only this object.'}
          </p>
        </div>
        {config.configObject && (
          <>
            <TextField path="configObject.bucket" label="Config bucket" />
            <TextField path="configObject.key" label="Config object key" />
          </>
        )}
      </fieldset>
    </>
  )
}
