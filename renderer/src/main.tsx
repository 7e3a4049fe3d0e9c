import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient, detectTransport } from './api/client.ts';
import { Root } from './features/app/Root.tsx';
import { createAppStore } from './store/store.ts';
import './styles.css';

const store = createAppStore(createApiClient(detectTransport()));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root store={store} />
  </StrictMode>,
);
