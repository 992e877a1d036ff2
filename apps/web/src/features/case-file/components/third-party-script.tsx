import type { CaseFile } from '@crm/contracts';
import { useTranslation } from 'react-i18next';

/**
 * What to say to a third party (compliance.md "Third parties"): who is calling, the customer asked
 * for first, location information or a message, never the debt. Shown instead of the collection
 * script when someone other than the customer answered.
 */
export function ThirdPartyScript({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  return (
    <div className="script-panel" data-testid="third-party-script">
      <h2>{t('thirdParties.scriptTitle')}</h2>
      <p className="notice small">{t('caseFile.thirdPartyNote')}</p>
      <ol className="steps">
        {caseFile.thirdPartyScript.map((step) => (
          <li key={step.key} className="step">
            <h3>{step.title}</h3>
            <p>{step.text}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
