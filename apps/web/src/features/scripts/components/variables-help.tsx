import { SCRIPT_VARIABLES } from '@crm/domain';
import { useTranslation } from 'react-i18next';

/** The documented list of {{variables}} a script or an objection answer may use; anything else is refused on save. */
export function VariablesHelp() {
  const { t } = useTranslation();
  return (
    <details className="variables-help">
      <summary>{t('scriptVariables.title')}</summary>
      <dl>
        {SCRIPT_VARIABLES.map((name) => (
          <div key={name}>
            <dt>
              <code>{`{{${name}}}`}</code>
            </dt>
            <dd>{t(`scriptVariables.${name}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
