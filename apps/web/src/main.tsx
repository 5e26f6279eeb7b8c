import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createQueryClient } from './api/queryClient';
import { App } from './App';
import { createI18n } from './i18n/createI18n';
import { registerServiceWorker } from './registerServiceWorker';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={createI18n()}>
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);

registerServiceWorker();
