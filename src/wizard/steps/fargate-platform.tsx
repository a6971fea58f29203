// The Platform step's Fargate questions: the Windows Server release (Windows) and the task size. Loaded only
// when Fargate is chosen, so the first load (the Platform step of an EC2 setup) does not carry them.
import type { WizardConfig } from '../../config/schema.ts'
import { withAmi } from '../../config/schema.ts'
import type { AmiId } from '../../knowledge/amis.ts'
import { WINDOWS_RELEASE } from '../../knowledge/images.ts'
import { DEFAULT_FARGATE_SIZE, FARGATE_SIZES, platformOf } from '../../knowledge/platforms.ts'
import { useT } from '../../ui/i18n.tsx'
import { SelectField, useWizard } from '../fields.tsx'

/**
 * A Fargate task size: the CPU units, and the memory set to the smallest this CPU allows unless the one chosen
 * fits. The OS's smallest CPU is written by leaving it out, as a link without it means.
 */
export function withFargateCpu(config: WizardConfig, cpu: number): WizardConfig {
  const size = FARGATE_SIZES[config.os].find((s) => s.cpu === cpu)
  if (!size) return config
  const task: WizardConfig['task'] = {
    ...config.task,
    cpu,
    memory: size.memory.includes(config.task.memory) ? config.task.memory : size.memory[0]!,
  }
  if (cpu === DEFAULT_FARGATE_SIZE[config.os].cpu) delete task.cpu
  return { ...config, task }
}

/** Fargate's task size: CPU, then the memory sizes that CPU allows. */
function FargateSize() {
  const { config, update } = useWizard()
  const t = useT()
  const sizes = FARGATE_SIZES[config.os]
  const cpu = config.task.cpu ?? DEFAULT_FARGATE_SIZE[config.os].cpu
  // A size from a link that Fargate does not run stays listed, so the field shows what is wrong.
  const memory = sizes.find((s) => s.cpu === cpu)?.memory ?? []
  const cpus = sizes.some((s) => s.cpu === cpu) ? sizes.map((s) => s.cpu) : [cpu, ...sizes.map((s) => s.cpu)]
  const memories = memory.includes(config.task.memory) ? memory : [config.task.memory, ...memory]
  return (
    <fieldset className="list-entry">
      <legend>{t('wizard.platform.taskSize')}</legend>
      <SelectField
        path="task.cpu"
        options={cpus.map(
          (c) => [String(c), t('wizard.platform.cpuOption', { cpu: c, vcpu: c / 1024 })] as const,
        )}
        onSelect={(value) => update((c) => withFargateCpu(c, Number(value)))}
        hint={t('wizard.platform.taskSizeHint')}
      />
      <SelectField
        path="task.memory"
        label="wizard.platform.taskMemory"
        options={memories.map(
          (m) => [String(m), t('wizard.platform.memoryOption', { memory: m, gb: m / 1024 })] as const,
        )}
        onSelect={(value) => update((c) => ({ ...c, task: { ...c.task, memory: Number(value) } }))}
      />
    </fieldset>
  )
}

/** Windows: the AMI question is the Windows Server release Fargate runs. Then the task size. */
export default function FargatePlatform() {
  const { config, update } = useWizard()
  const t = useT()
  const platform = platformOf(config.os, config.launchType)
  // A release Fargate does not run (from a link) stays listed, with its error at the field.
  const releases: readonly AmiId[] = platform.amis.includes(config.ami)
    ? platform.amis
    : [...platform.amis, config.ami]
  return (
    <>
      {config.os === 'windows' && (
        <SelectField<AmiId>
          path="ami"
          label="wizard.platform.windowsRelease"
          options={releases.map(
            (a) =>
              [
                a,
                t('wizard.platform.windowsReleaseOption', {
                  release: WINDOWS_RELEASE[a as keyof typeof WINDOWS_RELEASE] ?? a,
                }),
              ] as const,
          )}
          onSelect={(ami) => update((c) => withAmi(c, ami))}
          hint={t('wizard.platform.windowsReleaseHint')}
        />
      )}
      <FargateSize />
    </>
  )
}
