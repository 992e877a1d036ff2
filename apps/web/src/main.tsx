import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/provider';
import { initI18n, loadTexts } from './lib/i18n';
import type { Locale } from '@crm/contracts';
import './styles.css';

// The first screen is drawn once its language's texts have arrived (one language per load, ADR 044).
const i18n = initI18n();
void loadTexts(i18n.language as Locale).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
